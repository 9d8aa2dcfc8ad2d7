import type * as v from 'valibot';
import type { Command, WireCommand } from '../../../core/domain/commands';
import type { CommandSchema } from '../../../core/messages/schemas';

// Compile-time check, enforced by `npm run typecheck`: the runtime schema
// accepts exactly the Command type the rules take, in both directions, less
// the worker's own commands (InternalCommand), which never travel in a message.
type Parsed = v.InferOutput<typeof CommandSchema>;
const toCommand = (c: Parsed): Command => c;
const toParsed = (c: WireCommand): Parsed => c;

describe('command schema', () => {
  it('matches the Command type both ways', () => {
    expect(typeof toCommand).toBe('function');
    expect(typeof toParsed).toBe('function');
  });
});
