/** A reason the local stack cannot start, worded as what the person should do. */
export class StartupError extends Error {
  override name = 'StartupError';
}
