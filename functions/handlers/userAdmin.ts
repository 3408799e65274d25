import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { usernameParamsSchema, userInviteSchema, userUpdateSchema } from '../../content-model';
import { required } from '../shared/config';
import { mailerFromConfig } from '../shared/email/mailer';
import { httpLambda } from '../shared/http/lambda';
import { json, parseBody, parsePath, requireActor } from '../shared/http/request';
import { createRuntime } from '../shared/runtime';
import { createStore } from '../store';
import { createCognitoUserDirectory } from '../users/user-directory';
import { deleteUser, getUser, inviteUser, listUsers, updateUser } from '../users/users';

const runtime = createRuntime();
const { config } = runtime;
const cognito = new CognitoIdentityProviderClient({
  region: config.AWS_REGION,
  // Locally cognito-local, which takes any credentials; in AWS the SDK's defaults.
  ...(config.COGNITO_ENDPOINT ? { endpoint: config.COGNITO_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
});
const deps = {
  store: createStore(runtime.table),
  clock: runtime.clock,
  mailer: mailerFromConfig(config),
  cmsUrl: required(config.CMS_URL, 'CMS_URL'),
  directory: createCognitoUserDirectory(cognito, required(config.USER_POOL_ID, 'USER_POOL_ID')),
};

const username = (request: Parameters<typeof parsePath>[0]) => parsePath(request, usernameParamsSchema).username;

export const handler = httpLambda('userAdmin', {
  listUsers: async () => json(200, await listUsers(deps)),
  inviteUser: async (request) => json(201, await inviteUser(deps, requireActor(request), parseBody(request, userInviteSchema))),
  getUser: async (request) => json(200, await getUser(deps, username(request))),
  updateUser: async (request) => json(200, await updateUser(deps, requireActor(request), username(request), parseBody(request, userUpdateSchema))),
  deleteUser: async (request) => {
    await deleteUser(deps, requireActor(request), username(request));
    return { statusCode: 204, headers: {}, body: '' };
  },
});
