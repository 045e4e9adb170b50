namespace OneStop.Domain.Ingestion;

/// <summary>
/// The problems of one import as they are found: every one is counted, the first <see cref="Listed"/> are kept. A file of
/// a million bad rows is reported as "1,000 listed of 1,000,000", in the memory of a thousand.
/// </summary>
public sealed class ImportProblems
{
    public const int Listed = 1000;
    private readonly List<ImportProblem> _first = [];

    public int Total { get; private set; }
    public IReadOnlyList<ImportProblem> First => _first;

    public void Add(ImportProblem problem)
    {
        Total++;
        if (_first.Count < Listed) _first.Add(problem);
    }
}
