/**
 * An expected refusal of what someone entered: `field` names the form field it belongs beside, or is
 * null when it concerns the form as a whole. The message is written for the person, never debug data.
 * Routes turn it into the form's reply with `inputErrorReply` (app/lib/responses.server.ts).
 */
export class InputError extends Error {
  override name = 'InputError'
  constructor(
    readonly field: string | null,
    message: string,
  ) {
    super(message)
  }
}
