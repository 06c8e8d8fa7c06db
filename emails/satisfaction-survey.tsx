import { Text } from '@react-email/components'
import { type CoachedClient, firstNameOf, LinkEmail, textStyle } from './layout'

export type SatisfactionSurveyEmailProps = CoachedClient & {
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
  const firstName = firstNameOf(clientName)
  return (
    <LinkEmail
      preview="One question: how much did coaching help?"
      footer={`You get this because ${coachName} at ${practiceName} was your career coach. The link is yours alone and works once.`}
      heading={placed ? `Congratulations on the new job, ${firstName}` : `Thank you, ${firstName}`}
      url={surveyUrl}
      button="Answer the question"
      linkNote="If the button doesn't work, paste this into your browser:"
    >
      <Text style={textStyle}>
        One question, one click: how much did coaching with {practiceName} help your job search? Your answer is a number
        from 1 to 5. {practiceName} sees it; anyone they report to sees only the average of five or more answers.
      </Text>
    </LinkEmail>
  )
}

SatisfactionSurveyEmail.PreviewProps = {
  clientName: 'Jordan Lee',
  coachName: 'Sam Rivera',
  practiceName: 'Northstar Career Coaching',
  surveyUrl: 'http://localhost:3000/survey/example-token',
  placed: true,
} satisfies SatisfactionSurveyEmailProps
