package nst.core.loss;

import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One block of native memory that holds every array of an evaluation (activations, gradients,
 * temporaries) and is reused by the next: an ND4J workspace. The first evaluation measures what
 * it needs (its arrays are allocated one by one, as without a workspace); the block is then
 * allocated once, and each later evaluation takes its arrays from the start of it again. Without
 * it, every array was fresh memory from the system, zeroed and first touched again each time
 * (glibc maps arrays over 32 MB afresh and returns them on free): VGG19 at 512 px had 271 000
 * page faults per iteration, now 187 000 (the rest are oneDNN's own buffers), and an iteration
 * takes 9-18% less time (BENCHMARKS.md). The price is memory: no array's memory is reused within
 * an evaluation (VGG19's peak: +0.2 GB at 256 px, +0.35 GB at 512 px, +1.3 GB at 1024 px).
 * <p>
 * ND4J workspaces belong to a thread: {@link #open} and {@link #close} run on the thread that
 * evaluates. Arrays that must outlive the evaluation are {@link org.nd4j.linalg.api.ndarray.INDArray#detach() detached};
 * caches made during it are made {@link Nd4j#getWorkspaceManager() out of workspaces}.
 */
final class EvaluationMemory implements AutoCloseable {
    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyAllocation(AllocationPolicy.STRICT)
            // a larger evaluation (none so far: an objective's image keeps its size) grows the block
            .policySpill(SpillPolicy.REALLOCATE)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .build();
    private static final AtomicLong IDS = new AtomicLong();

    private final String id = "nst-evaluation-" + IDS.incrementAndGet();
    private MemoryWorkspace workspace;

    /** Activates the block on this thread until the returned scope is closed. */
    MemoryWorkspace open() {
        workspace = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, id);
        return workspace;
    }

    /** Frees the block (the arrays in it must no longer be in use). */
    @Override
    public void close() {
        if (workspace != null) {
            Nd4j.getWorkspaceManager().destroyWorkspace(workspace);
            workspace = null;
        }
    }
}
