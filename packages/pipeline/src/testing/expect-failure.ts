import { PipelineError } from '../errors.ts';

/** Awaits a run that must fail and returns its PipelineError (anything else fails the test). */
export async function expectPipelineError(promise: Promise<unknown>): Promise<PipelineError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof PipelineError))
    throw new Error('expected a PipelineError', { cause: error });
  return error;
}
