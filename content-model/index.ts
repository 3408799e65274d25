export * from './vocabularies';
export * from './dates';
export * from './review-policy';
export * from './product';
export * from './review';
export * from './lifecycle';
export * from './queries';
export * from './errors';
