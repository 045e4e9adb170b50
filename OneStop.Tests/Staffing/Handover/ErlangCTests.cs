using OneStop.Domain.Staffing.Planning.Handover;

namespace OneStop.Tests.Staffing.Handover;

/// <summary>Erlang C against figures worked out by hand (the arithmetic is in each comment).</summary>
public sealed class ErlangCTests
{
    [Fact]
    public void Traffic_intensity_is_arrivals_times_service_time()
    {
        // 6 applicants an hour × 10 minutes each = 60 minutes of work an hour = 1 Erlang.
        Assert.Equal(1.0, ErlangC.TrafficIntensity(6, 10), 12);
        Assert.Equal(2.5, ErlangC.TrafficIntensity(15, 10), 12);
    }

    /// <summary>
    /// λ = 6/h, S = 10 min (a = 1), c = 2. Erlang B: B(1) = 1/(1+1) = 1/2; B(2) = 1·½ / (2 + ½) = 1/5.
    /// C = c·B / (c − a(1 − B)) = 2·⅕ / (2 − ⅘) = 0.4 / 1.2 = 1/3.
    /// Wq = C·S / (c − a) = ⅓ · 10 / 1 = 3.333 min. P(W ≤ 10) = 1 − ⅓·e^(−(2−1)·10/10) = 1 − e⁻¹/3 = 0.877374.
    /// </summary>
    [Fact]
    public void Two_servers_at_one_erlang()
    {
        Assert.Equal(0.2, ErlangC.ErlangB(2, 1), 12);
        Assert.Equal(1.0 / 3, ErlangC.ProbabilityOfWait(2, 1), 12);
        Assert.Equal(10.0 / 3, ErlangC.MeanWait(2, 1, 10), 12);
        Assert.Equal(1 - Math.Exp(-1) / 3, ErlangC.ServiceLevel(2, 1, 10, 10), 12);
        Assert.Equal(0.877374, ErlangC.ServiceLevel(2, 1, 10, 10), 6);
    }

    /// <summary>
    /// a = 2, c = 3: B(1) = 2/3; B(2) = 2·⅔ / (2 + 4/3) = 0.4; B(3) = 2·0.4 / (3 + 0.8) = 4/19.
    /// C = 3·(4/19) / (3 − 2·15/19) = (12/19) / (27/19) = 4/9. With S = 6 min: Wq = (4/9)·6 / 1 = 2.667 min.
    /// </summary>
    [Fact]
    public void Three_servers_at_two_erlangs_wait_with_probability_four_ninths()
    {
        Assert.Equal(4.0 / 19, ErlangC.ErlangB(3, 2), 12);
        Assert.Equal(4.0 / 9, ErlangC.ProbabilityOfWait(3, 2), 12);
        Assert.Equal(8.0 / 3, ErlangC.MeanWait(3, 2, 6), 12);
    }

    /// <summary>M/M/1: C = ρ; a = 0.5, S = 8 → Wq = ρ·S/(1 − ρ) = 8 minutes.</summary>
    [Fact]
    public void One_server_is_the_textbook_MM1()
    {
        Assert.Equal(0.5, ErlangC.ProbabilityOfWait(1, 0.5), 12);
        Assert.Equal(8.0, ErlangC.MeanWait(1, 0.5, 8), 12);
    }

    [Fact]
    public void An_overloaded_counter_waits_without_end_and_nobody_arriving_waits_for_nothing()
    {
        Assert.Equal(1.0, ErlangC.ProbabilityOfWait(2, 2));
        Assert.True(double.IsPositiveInfinity(ErlangC.MeanWait(2, 2.5, 10)));
        Assert.Equal(0.0, ErlangC.ServiceLevel(2, 2.5, 10, 10));
        Assert.Equal(0.0, ErlangC.ProbabilityOfWait(3, 0));
        Assert.Equal(0, ErlangC.SmallestStaff(0, 10, 0.8, 10));
    }

    /// <summary>
    /// a = 1, S = 10, 80 % within 10 min: c = 1 is unstable (a = c); c = 2 gives 0.877 (above) → 2.
    /// 95 % within 2 min: c = 2: 1 − ⅓·e^(−0.2) = 0.7271 (no); c = 3: B(3) = ⅕/(3 + ⅕) = 1/16, C = (3/16)/(3 − 15/16) = 1/11,
    /// 1 − (1/11)·e^(−2·2/10) = 0.93906 (no); c = 4: B(4) = (1/16)/(4 + 1/16) = 1/65, C = (4/65)/(4 − 64/65) = 1/49,
    /// 1 − (1/49)·e^(−0.6) = 0.98880 (yes) → 4.
    /// </summary>
    [Fact]
    public void Smallest_staff_meets_the_service_level()
    {
        Assert.Equal(2, ErlangC.SmallestStaff(1, 10, 0.8, 10));
        Assert.Equal(1.0 / 11, ErlangC.ProbabilityOfWait(3, 1), 12);
        Assert.Equal(1 - Math.Exp(-0.4) / 11, ErlangC.ServiceLevel(3, 1, 10, 2), 12);
        Assert.Equal(4, ErlangC.SmallestStaff(1, 10, 0.95, 2));
    }
}
