namespace OneStop.Domain.Staffing.Planning.Handover;

/// <summary>
/// The M/M/c queue (Erlang C), the textbook model of a pooled counter: applicants arrive at random (Poisson, rate λ
/// per hour), each is served for an exponentially distributed time of mean S, by any of c identical servers, first
/// come first served, nobody leaves the queue. Its answers depend on the offered load a = λ·S (in Erlangs: how many
/// servers would be busy on average) and c:
/// <list type="bullet">
/// <item>P(wait) = C(c, a) = c·B / (c − a·(1 − B)), B the Erlang B blocking probability, by the stable recursion
///   B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1));</item>
/// <item>mean wait Wq = C·S / (c − a);</item>
/// <item>service level P(W ≤ t) = 1 − C·e^(−(c − a)·t / S).</item>
/// </list>
/// With a ≥ c the queue grows without end: P(wait) = 1, the wait is infinite and the service level 0.
/// </summary>
public static class ErlangC
{
    /// <summary>Beyond this many servers the search gives up (a center never has that many at one counter).</summary>
    public const int MaxServers = 500;

    /// <summary>Offered load a = λ·S in Erlangs, from arrivals per hour and minutes of service each.</summary>
    public static double TrafficIntensity(double arrivalsPerHour, double serviceMinutes) => arrivalsPerHour * serviceMinutes / 60;

    /// <summary>Erlang B: the share of arrivals that would find all <paramref name="servers"/> busy with no queue.</summary>
    public static double ErlangB(int servers, double load)
    {
        if (servers < 0) throw new ArgumentOutOfRangeException(nameof(servers));
        var b = 1.0;
        for (var k = 1; k <= servers; k++) b = load * b / (k + load * b);
        return b;
    }

    /// <summary>C(c, a): the probability that an arrival has to wait.</summary>
    public static double ProbabilityOfWait(int servers, double load)
    {
        if (load <= 0) return 0;
        if (servers <= 0 || load >= servers) return 1;
        return FromB(servers, load, ErlangB(servers, load));
    }

    /// <summary>Mean wait in the queue, in the unit of <paramref name="serviceMinutes"/> (minutes); +∞ when unstable.</summary>
    public static double MeanWait(int servers, double load, double serviceMinutes)
    {
        if (load <= 0) return 0;
        if (servers <= 0 || load >= servers) return double.PositiveInfinity;
        return ProbabilityOfWait(servers, load) * serviceMinutes / (servers - load);
    }

    /// <summary>P(W ≤ t): the share of arrivals served within <paramref name="answerMinutes"/> of arriving.</summary>
    public static double ServiceLevel(int servers, double load, double serviceMinutes, double answerMinutes)
    {
        if (load <= 0) return 1;
        if (servers <= 0 || load >= servers) return 0;
        return ServiceLevelOf(servers, load, serviceMinutes, answerMinutes, ProbabilityOfWait(servers, load));
    }

    /// <summary>
    /// The fewest servers for which at least <paramref name="targetShare"/> of arrivals wait at most
    /// <paramref name="answerMinutes"/>; 0 when nobody arrives. Erlang B is carried up the recursion, so the search
    /// costs O(c), not O(c²).
    /// </summary>
    public static int SmallestStaff(double load, double serviceMinutes, double targetShare, double answerMinutes)
    {
        if (load <= 0) return 0;
        var b = 1.0;
        for (var c = 1; c <= MaxServers; c++)
        {
            b = load * b / (c + load * b);
            if (load >= c) continue;
            if (ServiceLevelOf(c, load, serviceMinutes, answerMinutes, FromB(c, load, b)) >= targetShare - 1e-12) return c;
        }
        return MaxServers;
    }

    private static double FromB(int c, double a, double b) => c * b / (c - a * (1 - b));

    private static double ServiceLevelOf(int c, double a, double s, double t, double pWait) =>
        s <= 0 ? 1 : 1 - pWait * Math.Exp(-(c - a) * t / s);
}
