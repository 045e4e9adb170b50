namespace OneStop.Benchmarks;

/// <summary>The median the harnesses report: the middle value, or the mean of the two middle ones for an even count.</summary>
public static class Medians
{
    public static double Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
