import { listThread, markThreadRead, type Speaker } from './messages.server'

/**
 * A thread as its page shows it to this speaker: its messages, read as they were, after which the thread
 * counts as read (the page's unread marks go once it has been opened).
 */
export async function openThread(s: Speaker, clientId: string, applicationId: string | null, clientName: string) {
  const messages = await listThread(s, clientId, applicationId, clientName)
  await markThreadRead(s, clientId, applicationId)
  return messages
}
