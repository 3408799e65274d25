import type { Clock } from '../../shared/clock';
import type { FileStore } from '../../shared/files';
import type { Actor } from '../../shared/http/request';
import type { Store } from '../../store';

export interface ProductDependencies {
  store: Store;
  files: FileStore;
  clock: Clock;
}
export type { Actor };
