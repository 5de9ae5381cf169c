using System.Numerics;
using System.Runtime.CompilerServices;

namespace Hotline400.Simulation;

/// <summary>
/// xoshiro256** seeded through SplitMix64: fast, small and reproducible on every platform, unlike
/// <see cref="Random"/> whose algorithm is not part of its contract.
/// </summary>
internal struct SimRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public SimRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>A generator for one stream, keyed by several values (seed, number, day…).</summary>
    public static SimRandom For(long a, long b, long c)
    {
        ulong x = (ulong)a;
        ulong h = SplitMix(ref x);
        x = h ^ (ulong)b;
        h = SplitMix(ref x);
        x = h ^ (ulong)c;
        return new SimRandom(SplitMix(ref x));
    }

    public static ulong SplitMix(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextULong()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(int n) => (int)((NextULong() >> 32) * (ulong)n >> 32);

    /// <summary>Uniform in [min, max] (both included).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Between(int min, int max) => min + Next(max - min + 1);

    /// <summary>A standard normal deviate (Box–Muller, one of the pair).</summary>
    public double NextGaussian()
    {
        double u = 1.0 - NextDouble();
        double v = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }
}
