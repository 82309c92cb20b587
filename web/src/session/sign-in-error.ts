import { ApiError, errorMessage } from '../api/errors';

/** What a refused sign-in tells the person: the API's message, and for a lock or rate limit, when to try again. */
export function signInErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 429 && error.retryAfterSeconds !== null) {
    const minutes = Math.ceil(error.retryAfterSeconds / 60);
    return `${error.message}. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
  }
  return errorMessage(error);
}
