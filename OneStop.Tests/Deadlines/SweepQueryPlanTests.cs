using OneStop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Deadlines;

namespace OneStop.Tests.Deadlines;

/// <summary>The sweep reads what may change: each candidate query is a range of an open-dossier index, never a table scan.</summary>
[Trait(TestDatabase.ProvidersTrait, TestDatabase.SqliteOnly)] // SQLite's EXPLAIN QUERY PLAN and its index hints
public sealed class SweepQueryPlanTests : IDisposable
{
    private readonly DeadlineTestKit _k = new();
    public void Dispose() => _k.Dispose();

    [Fact]
    public async Task Every_candidate_query_uses_an_open_dossier_index()
    {
        await using var db = _k.F.Db();
        await db.Database.OpenConnectionAsync();
        var now = DateTime.UtcNow;
        var queries = DeadlineSweep.CandidateQueries(db, now, now.AddDays(1), now.AddDays(-2), now.AddDays(-7))
            .Concat(DeadlineSweep.CandidateQueries(db, now, now.AddDays(1), now.AddDays(-2), DateTime.MinValue)).ToList();
        Assert.Equal(8, queries.Count);
        foreach (var q in queries)
        {
            var sql = string.Join('\n', q.ToQueryString().Split('\n').Where(l => !l.StartsWith(".param")));
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.CommandText = "EXPLAIN QUERY PLAN " + sql;
            var plan = new List<string>();
            await using (var r = await cmd.ExecuteReaderAsync())
                while (await r.ReadAsync()) plan.Add(r.GetString(3));
            var text = string.Join(" | ", plan);
            // Either a range of an open-dossier index, or (moves back) the recent apology/resume events by their index, then each dossier by key.
            var byOpenIndex = text.Contains("IX_Dossiers_Open");
            var byRecentEvents = text.Contains("IX_DossierEvents_Type_At") && text.Contains("INTEGER PRIMARY KEY");
            Assert.True(byOpenIndex || byRecentEvents, text + "\n" + sql);
            Assert.DoesNotContain(plan, p => p.StartsWith("SCAN") && p.Contains("Dossiers") && !p.Contains("INDEX"));
        }
    }
}
