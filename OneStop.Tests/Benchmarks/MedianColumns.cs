using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace OneStop.Benchmarks;

/// <summary>
/// Median, min and max next to the mean, for every benchmark class (the README quotes medians: on a shared machine they
/// move less than the mean). The job is <see cref="Program.ShortJob"/>, given by Program.
/// </summary>
public sealed class MedianColumns : ManualConfig
{
    public MedianColumns() => AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max);
}
