/** Ports of the services the whole test run shares (globalSetup); distinct from `npm start`'s. */
export const testPorts = { dynamodb: 18000, ses: 18005, cognito: 19229, s3: 14569 } as const;
export const testFilesBucket = 'normen-test-files';
