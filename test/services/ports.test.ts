import { describe, expect, it } from 'vitest';
import { defaultPorts, resolvePorts } from '../../local/services/index';

describe('resolvePorts', () => {
  it('uses the documented defaults', () => {
    expect(resolvePorts({})).toEqual({ api: 3000, dynamodb: 8000, ses: 8005, cognito: 9229, s3: 4569 });
    expect(resolvePorts({})).toEqual(defaultPorts);
  });

  it('takes each port from its env var, treating empty as unset', () => {
    expect(resolvePorts({ API_PORT: '3100', DYNAMODB_PORT: '8100', SES_PORT: '8105', COGNITO_PORT: '9329', S3_PORT: '' })).toEqual({
      api: 3100,
      dynamodb: 8100,
      ses: 8105,
      cognito: 9329,
      s3: 4569,
    });
  });

  it('rejects ports that are not ports', () => {
    expect(() => resolvePorts({ API_PORT: 'abc' })).toThrow(/API_PORT/);
    expect(() => resolvePorts({ S3_PORT: '70000' })).toThrow(/S3_PORT/);
    expect(() => resolvePorts({ SES_PORT: '80.5' })).toThrow(/SES_PORT/);
  });

  it('rejects two services on one port', () => {
    expect(() => resolvePorts({ SES_PORT: '3000' })).toThrow(/same port/);
  });
});
