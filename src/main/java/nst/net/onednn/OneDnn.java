package nst.net.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu;
import static org.bytedeco.dnnl.global.dnnl.dnnl_engine_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_f32;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_init_by_tag;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_execute;
import static org.bytedeco.dnnl.global.dnnl.dnnl_reorder_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_default_flags;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_wait;
import static org.bytedeco.dnnl.global.dnnl.dnnl_version;

import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.dnnl.dnnl_version_t;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * oneDNN called directly, through JavaCPP's preset (org.bytedeco:dnnl), for what libnd4j's
 * oneDNN glue does slowly (see {@link OneDnnConv}). Used on ND4J's CPU backend only, on float32
 * arrays. Off when the system property {@code nst.onednn} (else the environment variable
 * {@code NST_ONEDNN}) is {@code false}, or when the preset's native libraries do not load (no
 * build for the platform); libnd4j then runs everything as before. {@link #status()} says which.
 * <p>
 * ND4J's native libraries are loaded first: the preset then shares ND4J's OpenMP runtime (one
 * libgomp in the process). Loaded the other way round, calls alternating between the two crashed
 * the JVM in a test program.
 * <p>
 * All calls run under one lock, on one stream: oneDNN's memory objects, whose data pointers are
 * set per call, and the {@link #scratch scratch buffers} are shared.
 */
public final class OneDnn {
    public static final String PROPERTY = "nst.onednn";
    public static final String ENV = "NST_ONEDNN";
    static final Object LOCK = new OneDnn();

    private static final Loaded LOADED = load();

    private static final BytePointer[] SCRATCH = new BytePointer[2];

    private OneDnn() { }

    /** The engine and stream, or why there are none. */
    private record Loaded(dnnl_engine engine, dnnl_stream stream, String status) { }

    private static Loaded load() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, System.getenv().getOrDefault(ENV, "true")))) {
            return new Loaded(null, null, "off (-D" + PROPERTY + "=false or " + ENV + "=false); libnd4j runs the convolutions");
        }
        try {
            Nd4j.create(DataType.FLOAT, 1).close(); // ND4J's native libraries first (see above)
            String backend = Nd4j.getBackend().getClass().getSimpleName();
            if (!"CpuBackend".equals(backend)) {
                return new Loaded(null, null, "off (ND4J backend " + backend + "); libnd4j runs the convolutions");
            }
            dnnl_engine engine = new dnnl_engine();
            check(dnnl_engine_create(engine, dnnl_cpu, 0), "creating the CPU engine");
            dnnl_stream stream = new dnnl_stream();
            check(dnnl_stream_create(stream, engine, dnnl_stream_default_flags), "creating a stream");
            dnnl_version_t v = dnnl_version();
            return new Loaded(engine, stream, "oneDNN " + v.major() + "." + v.minor() + "." + v.patch() + " (JavaCPP preset) runs the 3x3 convolutions");
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError: no natives for this platform, jars missing
            return new Loaded(null, null, "off (" + e + "); libnd4j runs the convolutions");
        }
    }

    public static boolean available() {
        return LOADED.engine() != null;
    }

    /** One line for logs and benchmarks: whether oneDNN runs the convolutions, and if not why. */
    public static String status() {
        return LOADED.status();
    }

    static dnnl_engine engine() {
        return LOADED.engine();
    }

    /** Whether a oneDNN call can read or write {@code a} in place: float32, 'c'-order, contiguous (a channel range of one image is). */
    public static boolean accepts(INDArray a) {
        if (!available() || a.dataType() != DataType.FLOAT || a.ordering() != 'c' || a.isEmpty()) {
            return false;
        }
        long expected = 1;
        for (int i = a.rank() - 1; i >= 0; i--) {
            if (a.size(i) != 1 && a.stride(i) != expected) {
                return false;
            }
            expected *= a.size(i);
        }
        return true;
    }

    /** The address of {@code a}'s first element, for {@link #accepts accepted} arrays. */
    static Pointer at(INDArray a) {
        long first = a.data().address() + a.offset() * a.data().getElementSize();
        return new Pointer() {
            {
                address = first;
            }
        };
    }

    static void check(int status, String what) {
        if (status != 0) {
            throw new IllegalStateException("oneDNN failed " + what + " (status " + status + ")");
        }
    }

    static dnnl_memory_desc_t desc(long[] dims, int tag) {
        return desc(dims, tag, dnnl_f32);
    }

    static dnnl_memory_desc_t desc(long[] dims, int tag, int dataType) {
        dnnl_memory_desc_t d = new dnnl_memory_desc_t();
        check(dnnl_memory_desc_init_by_tag(d, dims.length, dims, dataType, tag), "describing an array");
        return d;
    }

    /**
     * Whether this CPU runs bfloat16 convolutions natively (oneDNN's ISA AVX512-BF16 or AMX, which
     * {@code DNNL_VERBOSE=1} names); elsewhere oneDNN would emulate them, slower than float32.
     */
    public static boolean bf16Native() {
        if (!available()) {
            return false;
        }
        int isa = org.bytedeco.dnnl.global.dnnl.dnnl_get_effective_cpu_isa();
        int bf16 = org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx512_core_bf16;
        return (isa & bf16) == bf16; // the ISA values are cumulative bit sets (AMX includes BF16)
    }

    /** A copy of {@code md} in memory of its own. */
    static dnnl_memory_desc_t copy(dnnl_memory_desc_t md) {
        dnnl_memory_desc_t c = new dnnl_memory_desc_t();
        Pointer.memcpy(c, md, org.bytedeco.javacpp.Loader.sizeof(dnnl_memory_desc_t.class));
        return c;
    }

    /** A memory object on {@code data} (null: no data yet, set per call). */
    static dnnl_memory memory(dnnl_memory_desc_t md, Pointer data) {
        dnnl_memory m = new dnnl_memory();
        check(dnnl_memory_create(m, md, engine(), data == null ? new Pointer() : data), "creating a memory object");
        return m;
    }

    static dnnl_primitive primitive(dnnl_primitive_desc pd) {
        dnnl_primitive p = new dnnl_primitive();
        check(dnnl_primitive_create(p, pd), "creating a primitive");
        return p;
    }

    static dnnl_primitive reorder(dnnl_memory_desc_t from, dnnl_memory_desc_t to) {
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        check(dnnl_reorder_primitive_desc_create(pd, from, engine(), to, engine(), null), "planning a reorder");
        return primitive(pd);
    }

    /** Argument lists of a primitive: kinds[i] is memories[i]'s argument. */
    static dnnl_exec_arg_t args(int[] kinds, dnnl_memory... memories) {
        dnnl_exec_arg_t a = new dnnl_exec_arg_t(memories.length);
        for (int i = 0; i < memories.length; i++) {
            a.position(i).arg(kinds[i]).memory(memories[i]);
        }
        return a.position(0);
    }

    static dnnl_exec_arg_t reorderArgs(dnnl_memory from, dnnl_memory to) {
        return args(new int[] {DNNL_ARG_FROM, DNNL_ARG_TO}, from, to);
    }

    /** Runs {@code p}; callers hold {@link #LOCK} and {@link #await} the stream. */
    static void execute(dnnl_primitive p, dnnl_exec_arg_t args, int count) {
        check(dnnl_primitive_execute(p, LOADED.stream(), count, args), "running a primitive");
    }

    static void await() {
        check(dnnl_stream_wait(LOADED.stream()), "waiting for the stream");
    }

    /**
     * Scratch buffer {@code i} (0 or 1) of at least {@code bytes}: the blocked-layout copies of a
     * convolution's input and output, shared by all layers (callers hold {@link #LOCK}). Grows to
     * the largest size asked for; {@link #releaseScratch} frees it.
     */
    static Pointer scratch(int i, long bytes) {
        BytePointer b = SCRATCH[i];
        if (b == null || b.capacity() < bytes) {
            if (b != null) {
                b.deallocate();
            }
            b = new BytePointer(bytes);
            SCRATCH[i] = b;
        }
        return b;
    }

    /** Frees the scratch buffers (after a run: a 1024 px VGG19 run leaves 0.5 GB there). */
    public static void releaseScratch() {
        synchronized (LOCK) {
            for (int i = 0; i < SCRATCH.length; i++) {
                if (SCRATCH[i] != null) {
                    SCRATCH[i].deallocate();
                    SCRATCH[i] = null;
                }
            }
        }
    }

    /** The memory held in scratch buffers, in bytes (for tests). */
    public static long scratchBytes() {
        synchronized (LOCK) {
            long n = 0;
            for (BytePointer b : SCRATCH) {
                n += b == null ? 0 : b.capacity();
            }
            return n;
        }
    }
}
