import { Text } from '@react-email/components'
import {
  type CoachedClient,
  EmailButton,
  EmailHeading,
  EmailLayout,
  firstNameOf,
  LinkWrittenOut,
  textStyle,
} from './layout'

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
    <EmailLayout
      preview="One question: how much did coaching help?"
      footer={`You get this because ${coachName} at ${practiceName} was your career coach. The link is yours alone and works once.`}
    >
      <EmailHeading>{placed ? `Congratulations on the new job, ${firstName}` : `Thank you, ${firstName}`}</EmailHeading>
      <Text style={textStyle}>
        One question, one click: how much did coaching with {practiceName} help your job search? Your answer is a number
        from 1 to 5. {practiceName} sees it; anyone they report to sees only the average of five or more answers.
      </Text>
      <EmailButton href={surveyUrl}>Answer the question</EmailButton>
      <LinkWrittenOut url={surveyUrl}>If the button doesn't work, paste this into your browser:</LinkWrittenOut>
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
