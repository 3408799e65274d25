/** The bucket the shared test services create (their ports are chosen free at start). */
export const testFilesBucket = 'normen-test-files';
