import type { TaskType } from '~/generated/prisma/enums'

// The task templates every practice starts with, written from the advice in the product's seed
// articles. Clients read these: the tone is practical and kind. A rejection says little about a
// person's worth, and every stage reached is progress.

export type TaskTemplateText = { type: TaskType; title: string; instructions: string }

export const defaultTaskTemplates: TaskTemplateText[] = [
  {
    type: 'FEEDBACK_REQUEST',
    title: 'Ask for feedback after a rejection',
    instructions: `Getting to an interview already puts you ahead of most applicants, so the people you met are worth learning from. Within a week of the rejection, send a short, gracious note to the hiring manager or recruiter. Adapt this to your own words:

Subject: Thank you for the opportunity

Dear [Hiring Manager's name],

Thank you again for the chance to interview for the [Job title] role at [Company]. While I'm disappointed not to have been selected, I'm always looking to improve. If you have a moment, I would be grateful for any feedback on my application or my interviews.

I enjoyed learning about [Company] and would be glad to stay in touch about future opportunities.

Best regards,
[Your name]

Not every employer replies, and that's fine: asking shows professionalism. Log the date you sent it, and note any feedback you receive so we can use it together.`,
  },
  {
    type: 'FOLLOW_UP',
    title: 'Follow up on an application with no response',
    instructions: `No answer doesn't always mean no: applications fall through the cracks. Don't assume; send a polite follow-up.

1. Find a named contact: the recruiter on the posting, or the hiring manager on LinkedIn.
2. Keep it to four sentences: who you are, the role and the date you applied, one line on why you're a strong fit, and a question about where the process stands.
3. Example: "Hello [Name], I applied for the [Job title] role on [date] and wanted to check whether it's still open. My experience with [one relevant result] matches what the team is looking for. Is there anything else I can share to help your review?"
4. If there is still no reply after another week, mark the application as ghosted and put your energy into the next one. It is not a verdict on you.`,
  },
  {
    type: 'MOCK_INTERVIEW',
    title: 'Prepare with a mock interview',
    instructions: `If first interviews aren't turning into second ones, the interview approach is the place to look, not your worth.

1. Research the company: what it sells, who its customers are, what it has announced lately, and why this role exists.
2. Write out answers to the common questions ("Tell me about yourself", "Why this role?", a weakness, a conflict, a failure) using the situation, action, result shape. Avoid clichés when you talk about weaknesses.
3. Prepare three short stories of your best results, with numbers where you can.
4. Book a mock interview with your coach or a friend, on video if the real one will be. Ask them to note what turned them off as well as what worked.
5. Prepare two thoughtful questions for the interviewer.
6. After each real interview, write down the questions you were asked and how you felt about your answers.`,
  },
  {
    type: 'RESUME_TAILORING',
    title: 'Tailor your resume to the posting',
    instructions: `A "scattergun" approach rarely works: fewer, tailored applications get more replies than many generic ones. Before you send the next application:

- Read the posting and underline the must-have skills and the words it repeats.
- Mirror those keywords in your resume where they're true for you, so applicant tracking systems find them.
- Move your most relevant achievements to the top, with numbers (time saved, revenue, users, team size).
- Cut lines that don't serve this role.
- Check the job title you're aiming for matches your experience level.
- Ask someone you trust to read it before you send it.
- Mark the application as "resume tailored" when you log it, so we can see what works.`,
  },
  {
    type: 'COVER_LETTER',
    title: 'Write a cover letter for this application',
    instructions: `A short, specific cover letter can be what gets a tailored resume read.

1. Open with the role and one sentence on why this company, in particular.
2. Pick the two or three essential requirements from the posting and give one concrete example for each.
3. Close with what you would bring in your first months, and thank them for their time.
4. Keep it under 300 words, and have a friend or relative look it over before you send it.`,
  },
  {
    type: 'RETARGETING',
    title: 'Retarget the roles you apply for',
    instructions: `Several rejections at the application stage for roles a level above your experience usually means the target is slightly off, not that you aren't good enough.

1. List the last ten roles you applied for, with their level, and mark which ones replied.
2. Compare the required years and responsibilities with your own. Are you applying for jobs a little too senior for now?
3. Choose a target that stretches you by one step, not two, and adjust your search filters and job alerts.
4. Look at small and mid-sized companies too: they often have less competition and broader roles.
5. Talk it through with your coach: retargeting is a strategy, not a step back.`,
  },
  {
    type: 'NETWORKING',
    title: 'Reach out to your network',
    instructions: `Many roles are filled through people before they're ever posted. This week:

1. Connect on LinkedIn with the recruiters and interviewers you met, including where you were turned down: early rejections often lead to new openings later.
2. Message two former colleagues or mentors, say what you're looking for, and ask whether they know anyone you should talk to.
3. Find one industry event, meetup or professional association session and go.
4. Ask for one referral for a role you're excited about.
Reaching out can feel hard, and it's often what the most successful job seekers do.`,
  },
  {
    type: 'SKILL_BUILDING',
    title: 'Close a skills gap',
    instructions: `When feedback points at a specific skill, you can turn it into a plan.

1. Name the skill exactly, using the words from the feedback or the postings (for example "production SQL" rather than "data").
2. Pick one short course or certification (Coursera, Udemy, LinkedIn Learning, or an industry certificate) you can finish in two to four weeks.
3. Build one small piece of work that shows the skill, and add it to your portfolio or resume.
4. Keep applying while you learn: you don't have to stop your search to grow.`,
  },
  {
    type: 'LINKEDIN_PROFILE',
    title: 'Refresh your LinkedIn profile',
    instructions: `Recruiters search LinkedIn before they read a resume.

- Make your headline the role you want, not only the one you have.
- Write an About section of three short paragraphs: what you do, your best results, what you're looking for.
- Match the skills section to the keywords of the postings you target.
- Turn on "Open to work" for recruiters, and ask two former colleagues for a recommendation.`,
  },
]
