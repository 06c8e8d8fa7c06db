import type { ClientStatus, RejectionReason, Seniority } from '~/generated/prisma/enums'

// The words of the demo practice: people, employers and what employers and clients wrote.
// Kept apart from the generator (seed-demo.ts) so that reading one doesn't mean scrolling the other.

export type Industry =
  | 'Tech'
  | 'Finance'
  | 'Healthcare'
  | 'Retail'
  | 'Design'
  | 'Logistics'
  | 'Education'
  | 'Nonprofit'
  | 'Energy'
  | 'Media'
  | 'HR'

// Employers: a stem and an industry's suffix ("Lumen Analytics", "Cedar Health"), a few hundred per
// industry, so that clients rarely meet the same employer by chance.
const stems = [
  'Lumen',
  'Northwind',
  'Cobalt',
  'Brightpath',
  'Parallax',
  'Harborview',
  'Ridgeway',
  'Orbital',
  'Meridian',
  'Keystone',
  'Summit',
  'Clearwater',
  'Evergreen',
  'Bluestem',
  'Maple',
  'Tidewater',
  'Sunbeam',
  'Crescent',
  'Larkspur',
  'Foxglove',
  'Pinecone',
  'Northlight',
  'Ironbridge',
  'Swiftline',
  'Waypoint',
  'Atlas',
  'Lakeshore',
  'Riverbend',
  'Solaria',
  'Copperleaf',
  'Fieldnote',
  'Aspen',
  'Cedar',
  'Granite',
  'Juniper',
  'Marigold',
  'Oakridge',
  'Silverline',
  'Willow',
  'Driftwood',
  'Redwood',
  'Bayside',
  'Highland',
  'Starling',
  'Kestrel',
  'Halcyon',
  'Prairie',
  'Bellwether',
]
const suffixes: Record<Industry, string[]> = {
  Tech: ['Software', 'Labs', 'Systems', 'Analytics', 'Cloud', 'Data'],
  Finance: ['Capital', 'Bank', 'Financial', 'Payments', 'Trust'],
  Healthcare: ['Health', 'Medical Group', 'Clinics', 'Pharma', 'Care'],
  Retail: ['& Co', 'Goods', 'Outfitters', 'Home', 'Foods', 'Market'],
  Design: ['Design', 'Creative', 'Studio', 'Digital'],
  Logistics: ['Freight', 'Supply', 'Distribution', 'Shipping', 'Cargo'],
  Education: ['Learning', 'Schools', 'Academy', 'Tutors'],
  Nonprofit: ['Foundation', 'Alliance', 'Network', 'Community Trust'],
  Energy: ['Energy', 'Power', 'Renewables', 'Works'],
  Media: ['Media', 'Press', 'Marketing', 'Studios'],
  HR: ['People', 'Staffing', 'HR Partners', 'Talent'],
}

export const companiesByIndustry = Object.fromEntries(
  Object.entries(suffixes).map(([industry, endings]) => [
    industry,
    stems.flatMap((stem) => endings.map((ending) => `${stem} ${ending}`)),
  ]),
) as Record<Industry, string[]>

/** The employer that ghosts several of the practice's clients (EMPLOYER_GHOSTING). Not among the generated ones. */
export const ghostingEmployer = 'Brightwave Logistics'

export const usCities = [
  'New York, NY',
  'Boston, MA',
  'Philadelphia, PA',
  'Chicago, IL',
  'Austin, TX',
  'Denver, CO',
  'Atlanta, GA',
  'Seattle, WA',
  'San Francisco, CA',
]
export const ukCities = ['London, UK', 'Manchester, UK', 'Bristol, UK']

export type CoachKey = 'coach' | 'coach2'

export type DemoClient = {
  /** Local part of the client's email (`<key>@example.test`). */
  key: string
  name: string
  coach: CoachKey
  targetRole: string
  /** Role titles the client applies for, at their own level. */
  roleTitles: string[]
  seniority: Seniority
  industries: Industry[]
  weeklyGoal: number
  timezone: string
  status: ClientStatus
  joinedDaysAgo: number
}

function client<Key extends string>(
  key: Key,
  name: string,
  coach: CoachKey,
  targetRole: string,
  roleTitles: string[],
  seniority: Seniority,
  industries: Industry[],
  more: Partial<Pick<DemoClient, 'weeklyGoal' | 'timezone' | 'status' | 'joinedDaysAgo'>> = {},
): DemoClient & { key: Key } {
  return {
    key,
    name,
    coach,
    targetRole,
    roleTitles: [targetRole, ...roleTitles],
    seniority,
    industries,
    weeklyGoal: 5,
    timezone: 'America/New_York',
    status: 'ACTIVE',
    joinedDaysAgo: 84,
    ...more,
  }
}

export const demoClients = [
  client('maya.chen', 'Maya Chen', 'coach', 'Product Designer', ['UX/UI Designer', 'Interaction Designer'], 'MID', [
    'Design',
    'Tech',
  ]),
  client(
    'daniel.okafor',
    'Daniel Okafor',
    'coach2',
    'Senior Software Engineer',
    ['Senior Backend Engineer', 'Senior Platform Engineer'],
    'SENIOR',
    ['Tech', 'Finance'],
    { timezone: 'America/Chicago', status: 'PLACED' },
  ),
  client(
    'zoe.adams',
    'Zoe Adams',
    'coach',
    'Content Strategist',
    ['Content Marketing Manager', 'Content Lead'],
    'MID',
    ['Media', 'Tech'],
  ),
  client(
    'sofia.martinez',
    'Sofia Martinez',
    'coach',
    'Marketing Manager',
    ['Brand Marketing Manager', 'Growth Marketing Manager'],
    'MID',
    ['Retail', 'Media'],
    { joinedDaysAgo: 63 },
  ),
  client(
    'james.whitaker',
    'James Whitaker',
    'coach2',
    'Junior Data Analyst',
    ['Data Analyst I', 'Reporting Analyst'],
    'ENTRY',
    ['Healthcare', 'Tech'],
    { joinedDaysAgo: 56 },
  ),
  client(
    'aisha.bello',
    'Aisha Bello',
    'coach',
    'Customer Success Manager',
    ['Account Manager', 'Client Success Manager', 'Customer Support Lead'],
    'MID',
    ['Tech', 'Finance'],
    { weeklyGoal: 10, timezone: 'America/Chicago', joinedDaysAgo: 49 },
  ),
  client(
    'ethan.brooks',
    'Ethan Brooks',
    'coach2',
    'Software Engineer',
    ['Full Stack Engineer', 'Backend Engineer'],
    'MID',
    ['Tech', 'Finance'],
    { timezone: 'America/Los_Angeles', joinedDaysAgo: 77 },
  ),
  client(
    'priya.nair',
    'Priya Nair',
    'coach',
    'Senior Product Manager',
    ['Senior Product Manager, Platform', 'Product Lead'],
    'SENIOR',
    ['Tech', 'Healthcare'],
  ),
  client(
    'lucas.ferreira',
    'Lucas Ferreira',
    'coach2',
    'UX Researcher',
    ['User Researcher', 'Design Researcher'],
    'MID',
    ['Design', 'Tech'],
    { timezone: 'America/Denver', joinedDaysAgo: 63 },
  ),
  client(
    'hannah.kim',
    'Hannah Kim',
    'coach',
    'Operations Coordinator',
    ['Operations Assistant', 'Logistics Coordinator'],
    'ENTRY',
    ['Logistics', 'Retail'],
    { joinedDaysAgo: 56 },
  ),
  client(
    'omar.haddad',
    'Omar Haddad',
    'coach2',
    'Financial Analyst',
    ['FP&A Analyst', 'Corporate Finance Analyst'],
    'MID',
    ['Finance'],
    { weeklyGoal: 10 },
  ),
  client(
    'grace.oconnell',
    "Grace O'Connell",
    'coach',
    'HR Generalist',
    ['People Operations Generalist', 'HR Business Partner'],
    'MID',
    ['HR', 'Healthcare'],
    { joinedDaysAgo: 70 },
  ),
  client(
    'noah.patel',
    'Noah Patel',
    'coach2',
    'Data Scientist',
    ['Machine Learning Engineer', 'Applied Scientist'],
    'MID',
    ['Tech', 'Healthcare'],
  ),
  client(
    'emma.larsen',
    'Emma Larsen',
    'coach',
    'BI Analyst',
    ['Business Intelligence Developer', 'Analytics Engineer'],
    'MID',
    ['Retail', 'Tech'],
    { timezone: 'Europe/London' },
  ),
  client(
    'kwame.mensah',
    'Kwame Mensah',
    'coach2',
    'Senior Data Engineer',
    ['Senior Analytics Engineer', 'Data Platform Engineer'],
    'SENIOR',
    ['Tech', 'Energy'],
    { timezone: 'America/Chicago' },
  ),
  client(
    'isabel.reyes',
    'Isabel Reyes',
    'coach',
    'Supply Chain Analyst',
    ['Demand Planner', 'Inventory Analyst'],
    'MID',
    ['Logistics', 'Energy'],
  ),
  client(
    'ryan.murphy',
    'Ryan Murphy',
    'coach2',
    'Logistics Coordinator',
    ['Dispatch Coordinator', 'Shipping Coordinator'],
    'ENTRY',
    ['Logistics', 'Retail'],
    { weeklyGoal: 8 },
  ),
  client(
    'mei.tanaka',
    'Mei Tanaka',
    'coach',
    'Senior Project Manager',
    ['Program Manager', 'Senior Delivery Manager'],
    'SENIOR',
    ['Logistics', 'Tech'],
    { timezone: 'America/Los_Angeles' },
  ),
  client(
    'ben.carter',
    'Ben Carter',
    'coach2',
    'Account Executive',
    ['Mid-Market Account Executive', 'Sales Executive'],
    'MID',
    ['Tech', 'Finance'],
    { weeklyGoal: 10, status: 'PAUSED' },
  ),
  client(
    'olivia.grant',
    'Olivia Grant',
    'coach',
    'Nurse Educator',
    ['Clinical Educator', 'Nursing Professional Development Specialist'],
    'SENIOR',
    ['Healthcare', 'Education'],
  ),
  client(
    'samuel.wright',
    'Samuel Wright',
    'coach2',
    'Mechanical Engineer',
    ['Design Engineer', 'Product Engineer'],
    'MID',
    ['Energy', 'Tech'],
  ),
  client(
    'fatima.ali',
    'Fatima Ali',
    'coach',
    'Graphic Designer',
    ['Junior Visual Designer', 'Production Designer'],
    'ENTRY',
    ['Design', 'Media'],
    { timezone: 'America/Chicago', joinedDaysAgo: 70 },
  ),
  client(
    'lily.nguyen',
    'Lily Nguyen',
    'coach2',
    'Instructional Designer',
    ['Learning Experience Designer', 'Curriculum Developer'],
    'MID',
    ['Education', 'Tech'],
  ),
  client(
    'marco.rossi',
    'Marco Rossi',
    'coach2',
    'Sales Manager',
    ['Regional Sales Manager', 'Head of Sales'],
    'LEAD',
    ['Retail', 'Tech'],
    { weeklyGoal: 8 },
  ),
  client(
    'chloe.dubois',
    'Chloe Dubois',
    'coach2',
    'Communications Specialist',
    ['Communications Coordinator', 'Public Relations Specialist'],
    'MID',
    ['Nonprofit', 'Media'],
    { timezone: 'America/Toronto', joinedDaysAgo: 70 },
  ),
] as const satisfies DemoClient[]

export type DemoClientKey = (typeof demoClients)[number]['key']

/** What employers wrote back when a client asked why; in the client's own notes, by reason. */
export const feedbackByReason: Record<RejectionReason, string[]> = {
  SKILLS_GAP: [
    'The team needed someone who has already used our analytics stack in production. Your fundamentals came across well.',
    'Another candidate had deeper hands-on experience with the core tool for this role. We would be glad to hear from you again.',
    'We were looking for more depth in stakeholder reporting. Your enthusiasm stood out.',
  ],
  EXPERIENCE_LEVEL: [
    'We went with a candidate with more years leading this kind of work. You were a strong applicant.',
    'The role needs someone who has owned a team already; we would encourage you to apply for the next level-appropriate opening.',
    'Your experience is promising, but the hiring manager wanted someone who had done this exact job before.',
  ],
  CULTURE_FIT: [
    'The panel felt the role would be a better match for someone who wants a very fast-paced, unstructured environment.',
    'We were looking for someone who would lead more from the front in cross-team meetings.',
    'The team felt the day-to-day would not give you the kind of work you told us you enjoy most.',
  ],
  INTERNAL_CANDIDATE: [
    'We decided to promote someone from within the team. It was a close decision and we hope you apply again.',
    'An internal candidate applied late in the process and we chose to move forward with them.',
  ],
  POSITION_FILLED: [
    'The role was filled by a candidate who was further along in our process before your interviews started.',
    'We have filled the position. Thank you for the time you gave us.',
  ],
  SALARY: [
    'The budget for this role is below the range you shared, so we did not want to waste your time.',
    'We could not get close enough to your salary expectations this year.',
  ],
  LOCATION: [
    'The role needs four days a week on site, which did not fit with your location.',
    'We are only able to hire in the state where the team is based.',
  ],
  NO_REASON_GIVEN: [
    'Thank you for your interest. We have decided to move forward with other candidates.',
    'After careful consideration we will not be progressing your application at this time.',
  ],
  OTHER: [
    'The hiring plan changed after a reorganisation and the role is on hold.',
    'A budget freeze means we are pausing all hiring for this quarter.',
  ],
}

export const checkInNotes = {
  low: [
    'Three no’s in a row this week. Starting to wonder if it’s me.',
    'Hard week. I keep refreshing my inbox.',
    'Tired. Another rejection right after a good interview.',
  ],
  middle: [
    'Steady week. Sent my applications, nothing big either way.',
    'Two replies this week, which felt good.',
    'Kept to my goal, took Friday afternoon off.',
    'Practised interview answers with a friend.',
    '',
  ],
  high: [
    'Great conversation with a hiring manager, feeling hopeful.',
    'Got to a final round! Nervous but excited.',
    'Tailored every application this week and it shows.',
  ],
}

export const genericCoachNotes = [
  'Weekly call: on track, keeps the spreadsheet up to date. Celebrated the screens this week.',
  'Discussed salary expectations; agreed on a range to quote and when to bring it up.',
  'Asked for two referrals from former colleagues; follow up next call.',
  'Reviewed the last three postings together. Good fit on the core skills.',
  'Talked about pacing: fewer, better applications rather than late nights on job boards.',
  'Shared the feedback-request template; they will adapt it for the next rejection.',
]
