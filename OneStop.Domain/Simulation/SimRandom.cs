namespace OneStop.Domain.Simulation;

/// <summary>
/// Deterministic randomness for the simulator. <see cref="Unit"/> gives every dossier its own fixed draws
/// (its fate, its pace, who refuses it...) from the seed and its Id alone, so the simulator keeps no state
/// between ticks or restarts: what happens to a dossier is decided again, identically, each time it is looked at.
/// </summary>
internal static class SimRandom
{
    // Salts: one independent draw per decision.
    public const ulong Fate = 1, Pace = 2, Jitter = 3, Supplement = 4, SupplementWhere = 5, Refusal = 6, Pause = 7,
        Lateness = 8, Apology = 9, ApologyMargin = 10, OnTimeRelease = 11, HoldWhere = 12, ReturnDelay = 13,
        ReturnKind = 14, SatisfactionAsked = 15, Satisfied = 16, Tracking = 17, Reason = 18, Person = 19;

    /// <summary>A uniform number in [0, 1), fixed for (seed, id, salt).</summary>
    public static double Unit(int seed, long id, ulong salt, int index = 0)
    {
        ulong x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)id * 0xBF58476D1CE4E5B9UL
                            ^ (salt << 32 | (uint)index) * 0x94D049BB133111EBUL);
        return (Mix(x) >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>SplitMix64's finaliser.</summary>
    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>An exponential draw with the given mean from a uniform one.</summary>
    public static double Exp(double unit, double mean) => -Math.Log(1 - unit) * mean;

    /// <summary>Poisson-distributed count with mean <paramref name="lambda"/>.</summary>
    public static int Poisson(Random rnd, double lambda)
    {
        if (lambda <= 0) return 0;
        if (lambda > 30)
        {
            double z = Math.Sqrt(-2 * Math.Log(1 - rnd.NextDouble())) * Math.Cos(2 * Math.PI * rnd.NextDouble());
            return Math.Max(0, (int)Math.Round(lambda + Math.Sqrt(lambda) * z));
        }
        double limit = Math.Exp(-lambda), p = 1;
        int n = -1;
        do { n++; p *= rnd.NextDouble(); } while (p > limit);
        return n;
    }
}
