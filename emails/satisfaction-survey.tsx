import { Button, Heading, Link, Text } from '@react-email/components'
import { buttonStyle, colors, EmailLayout, textStyle } from './layout'

export type SatisfactionSurveyEmailProps = {
  clientName: string
  coachName: string
  practiceName: string
  surveyUrl: string
  placed: boolean
}

export default function SatisfactionSurveyEmail({
  clientName,
  coachName,
  practiceName,
  surveyUrl,
  placed,
}: SatisfactionSurveyEmailProps) {
  const firstName = clientName.split(' ')[0] || clientName
  return (
    <EmailLayout
      preview="One question: how much did coaching help?"
      footer={`You get this because ${coachName} at ${practiceName} was your career coach. The link is yours alone and works once.`}
    >
      <Heading as="h1" style={{ fontSize: '22px', lineHeight: '30px', color: colors.text, margin: '0 0 16px' }}>
        {placed ? `Congratulations on the new job, ${firstName}` : `Thank you, ${firstName}`}
      </Heading>
      <Text style={textStyle}>
        One question, one click: how much did coaching with {practiceName} help your job search? Your answer is a number
        from 1 to 5. {practiceName} sees it; anyone they report to sees only the average of five or more answers.
      </Text>
      <Button href={surveyUrl} className="rb-button" style={buttonStyle}>
        Answer the question
      </Button>
      <Text style={{ ...textStyle, color: colors.muted, fontSize: '14px', margin: '20px 0 0' }}>
        If the button doesn't work, paste this into your browser:{' '}
        <Link href={surveyUrl} style={{ color: colors.brand, wordBreak: 'break-all' }}>
          {surveyUrl}
        </Link>
      </Text>
    </EmailLayout>
  )
}

SatisfactionSurveyEmail.PreviewProps = {
  clientName: 'Jordan Lee',
  coachName: 'Sam Rivera',
  practiceName: 'Northstar Career Coaching',
  surveyUrl: 'http://localhost:3000/survey/example-token',
  placed: true,
} satisfies SatisfactionSurveyEmailProps
