/** No ACK, or no answer from the terminal in time. Whether the command ran is unknown. */
export class ZvtTimeoutError extends Error {
  constructor(message = 'the card terminal did not answer in time') {
    super(message);
    this.name = 'ZvtTimeoutError';
  }
}

/** The link is closed or broken: NAK after every retry, damaged frames, a failed write. */
export class ZvtLinkError extends Error {
  constructor(message = 'the link to the card terminal is closed or broken') {
    super(message);
    this.name = 'ZvtLinkError';
  }
}
