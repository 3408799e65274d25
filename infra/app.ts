import { createNormenApp } from './normen-app';

// The CLI entry (cdk.json "app"). The CLI synthesizes the app when this process exits.
createNormenApp();
