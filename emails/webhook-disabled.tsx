import { Text } from '@react-email/components'
import { EmailButton, EmailHeading, EmailLayout, textStyle } from './layout'

export type WebhookDisabledEmailProps = {
  practiceName: string
  endpointUrl: string
  failedDeliveries: number
  settingsUrl: string
}

export default function WebhookDisabledEmail({
  practiceName,
  endpointUrl,
  failedDeliveries,
  settingsUrl,
}: WebhookDisabledEmailProps) {
  return (
    <EmailLayout
      preview={`A webhook endpoint of ${practiceName} was turned off`}
      footer="You receive this because you own this practice on Rebound."
    >
      <EmailHeading>A webhook endpoint was turned off</EmailHeading>
      <Text style={textStyle}>
        Rebound could not deliver events to {endpointUrl} for {practiceName}: the last {failedDeliveries} events each
        failed for a day despite retries. We turned the endpoint off so nothing piles up. Nothing else in the practice
        is affected.
      </Text>
      <Text style={textStyle}>
        Once the receiving tool is back, turn the endpoint on again from the practice settings; the delivery log shows
        what the receiver answered, and you can send any event again from there.
      </Text>
      <EmailButton href={settingsUrl}>Open the webhook settings</EmailButton>
    </EmailLayout>
  )
}

export const PreviewProps: WebhookDisabledEmailProps = {
  practiceName: 'Northstar Careers',
  endpointUrl: 'https://crm.example.com/hooks/rebound',
  failedDeliveries: 5,
  settingsUrl: 'http://localhost:3000/orgs/northstar/settings/webhooks',
}
