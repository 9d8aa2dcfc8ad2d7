/**
 * idb recognises IndexedDB objects with `instanceof` against the global
 * IDBDatabase, IDBRequest… classes. Installing fake-indexeddb's classes as
 * those globals makes every `new IDBFactory()` the tests create (from
 * 'fake-indexeddb': the same classes) pass idb's checks. The store itself
 * still only uses the factory it is given.
 */
import 'fake-indexeddb/auto';
