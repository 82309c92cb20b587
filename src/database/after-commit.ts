import { EntityManager, EntitySubscriberInterface, EventSubscriber, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent, TransactionStartEvent } from 'typeorm';

/**
 * Side effects after commit: what another feature should do because of a change (recompute frequencies, raise
 * alerts, queue a job) is registered on the transaction that makes the change and runs only once that transaction
 * has committed — never for a change that rolled back, and never before a long transaction is visible whole.
 *
 * Effects run in registration order, synchronously after COMMIT; they should only hand work on (add to a queue,
 * mark a product for recomputation) and must not throw. A rollback of a savepoint inside a transaction that then
 * commits does not drop the effects registered inside it (an extra recomputation, never a missing one).
 */
const pending = new WeakMap<QueryRunner, Array<() => void>>();

/** Runs `effect` when the manager's transaction commits, or now when the manager is not in a transaction. */
export function afterCommit(manager: EntityManager, effect: () => void): void {
  const runner = manager.queryRunner;
  if (runner === undefined || !runner.isTransactionActive) {
    effect();
    return;
  }
  const effects = pending.get(runner);
  if (effects === undefined) {
    pending.set(runner, [effect]);
  } else {
    effects.push(effect);
  }
}

/** Effects registered on a transaction that have not run yet (tests). */
export function pendingEffects(manager: EntityManager): number {
  return manager.queryRunner === undefined ? 0 : (pending.get(manager.queryRunner)?.length ?? 0);
}

/** The TypeORM subscriber that runs or drops the effects when the outermost transaction ends. */
@EventSubscriber()
export class AfterCommitSubscriber implements EntitySubscriberInterface {
  beforeTransactionStart(event: TransactionStartEvent): void {
    // A runner reused after a failed COMMIT must not carry that transaction's effects into the next one.
    if (!event.queryRunner.isTransactionActive) {
      pending.delete(event.queryRunner);
    }
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (event.queryRunner.isTransactionActive) {
      return;
    }
    const effects = pending.get(event.queryRunner) ?? [];
    pending.delete(event.queryRunner);
    for (const effect of effects) {
      effect();
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) {
      pending.delete(event.queryRunner);
    }
  }
}
