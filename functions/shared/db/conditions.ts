/**
 * Conditions on an item as data, so that rules (the seat rules, the revision check) say what must
 * hold and only the repositories write DynamoDB expressions from them.
 */
export type Comparison = '=' | '<' | '<=' | '>' | '>=';

export type Condition =
  /** `attribute` may be a path into a map (`dispatchLease.owner`). */
  | { attribute: string; is: Comparison; value: unknown }
  /** A counter (a top-level number, its name taken as is) compared to a number; an item without it has 0 (ADD creates counters on first use). */
  | { counter: string; is: Comparison; value: number }
  | { attribute: string; exists: boolean }
  /** The attribute holds null. */
  | { attribute: string; isNull: true }
  | { anyOf: Condition[] }
  | { allOf: Condition[] };

const holds = (left: number, is: Comparison, right: number): boolean =>
  is === '=' ? left === right : is === '<' ? left < right : is === '<=' ? left <= right : is === '>' ? left > right : left >= right;

/** Collects the placeholders of one expression, so that names and values never collide. */
export class ExpressionAttributes {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  private count = 0;

  constructor(private readonly prefix = 'c') {}

  name(attribute: string): string {
    const placeholder = `#${this.prefix}${this.count++}`;
    this.names[placeholder] = attribute;
    return placeholder;
  }

  /** A document path: each dot-separated part gets its own placeholder. */
  path(attribute: string): string {
    return attribute
      .split('.')
      .map((part) => this.name(part))
      .join('.');
  }

  value(value: unknown): string {
    const placeholder = `:${this.prefix}${this.count++}`;
    this.values[placeholder] = value;
    return placeholder;
  }

  /** The condition as a ConditionExpression over this object's placeholders. */
  condition(condition: Condition): string {
    if ('anyOf' in condition) return `(${condition.anyOf.map((part) => this.condition(part)).join(' OR ')})`;
    if ('allOf' in condition) return `(${condition.allOf.map((part) => this.condition(part)).join(' AND ')})`;
    if ('exists' in condition) return `${condition.exists ? 'attribute_exists' : 'attribute_not_exists'}(${this.path(condition.attribute)})`;
    if ('isNull' in condition) return `attribute_type(${this.path(condition.attribute)}, ${this.value('NULL')})`;
    if ('counter' in condition) {
      const name = this.name(condition.counter);
      const comparison = `${name} ${condition.is} ${this.value(condition.value)}`;
      return holds(0, condition.is, condition.value) ? `(attribute_not_exists(${name}) OR ${comparison})` : comparison;
    }
    return `${this.path(condition.attribute)} ${condition.is} ${this.value(condition.value)}`;
  }

  /** All of the conditions, or nothing when there are none. */
  conditions(conditions: readonly Condition[]): { ConditionExpression?: string } {
    return conditions.length ? { ConditionExpression: conditions.map((condition) => this.condition(condition)).join(' AND ') } : {};
  }

  /** The placeholders, or nothing when none were used (DynamoDB refuses empty maps). */
  attributes(): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> } {
    return {
      ...(Object.keys(this.names).length ? { ExpressionAttributeNames: this.names } : {}),
      ...(Object.keys(this.values).length ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}
