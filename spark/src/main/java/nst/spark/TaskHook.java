package nst.spark;

import java.io.Serializable;

/**
 * Called in a task after an output's temporary file is written and before it is renamed into
 * place; what it throws fails the task, as a killed executor would at that moment. Tests use it to
 * fail a first attempt; a job without one passes {@link #NONE}.
 */
@FunctionalInterface
interface TaskHook extends Serializable {
    TaskHook NONE = (item, attempt) -> { };

    void beforeRename(BatchItem item, int attempt);
}
