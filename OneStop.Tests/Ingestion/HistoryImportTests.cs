using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Dashboard;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Ingestion;

namespace OneStop.Tests.Ingestion;

/// <summary>POST /api/v1/import/dossiers (text/csv): all or nothing, every bad row by line and column, and what lands counts on the dashboard.</summary>
public sealed class HistoryImportTests(IngestionTestBed bed) : IClassFixture<IngestionTestBed>
{
    private static readonly string Header = string.Join(",", HistoryImport.Columns);

    private async Task<HttpResponseMessage> ImportAsync(byte[] csv)
    {
        using var http = bed.Client(await bed.NewKeyAsync(ApiScopes.Write));
        var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new("text/csv") { CharSet = "utf-8" };
        return await http.PostAsync("/api/v1/import/dossiers", content);
    }

    private static async Task<List<(int Line, string Column)>> ProblemsOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var problems = json.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("line").GetInt32(), p.GetProperty("column").GetString()!)).ToList();
        // Each problem is listed once (there used to be an errors map saying the same again), with the total beside them.
        Assert.False(json.TryGetProperty("errors", out _));
        Assert.True(json.GetProperty("totalProblems").GetInt32() >= problems.Count);
        Assert.All(json.GetProperty("problems").EnumerateArray(), p => Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("reason").GetString())));
        return problems;
    }

    [Fact]
    public async Task A_file_with_good_and_bad_rows_is_rejected_whole_with_each_bad_line_and_column()
    {
        var csv = string.Join("\n",
            Header,                                                                                           // 1
            "H50.2-ok1,SNV,SNV-01,counter,2026-11-02T08:00:00+07:00,,2026-11-06T15:00:00+07:00,2026-11-09T09:00:00+07:00,counter,returned", // 2
            "H50.2-bad1,SNV,SNV-01,fax,2026-11-02T08:00:00+07:00,,,,counter,received",                        // 3 channel
            "H50.2-ok2,SNV,SNV-01,online,2026-11-03T08:00:00+07:00,,,,counter,in-progress",                   // 4
            "H50.2-bad2,\"SNV\nSở Nội vụ\",SNV-01,online,2026-11-03T08:00:00+07:00,,,,counter,received",      // 5-6 departmentCode (a cell over two lines)
            "H50.2-bad3,SNV,SNV-01,online,2026-11-03 08:00,,,,counter,đã trả",                                // 7 receivedAt, status
            "H50.2-ok1,SNV,SNV-01,online,2026-11-03T08:00:00+07:00,,,,counter,received",                      // 8 code repeats line 2
            "H50.2-bad4,SNV,SNV-01,online,2026-11-03T08:00:00+07:00,,2026-11-05T08:00:00+07:00,,counter,returned", // 9 returnedAt missing
            "H50.2-bad5,SNV,SNV-01,online",                                                                   // 10 too few cells
            "H50.2-bad6,STP,SNV-01,post,2026-11-03T08:00:00+07:00,,,,post,received",                          // 11 procedure of another department
            "H50.2-bad7,SNV,SNV-02,online,2026-11-03T08:00:00+07:00,,,,post,received",                        // 12 channel and delivery not allowed
            "H50.2-bad8,SNV,SNV-01,online,2026-11-03T08:00:00+07:00,2026-11-02T08:00:00+07:00,2026-11-01T08:00:00+07:00,,counter,result-ready", // 13 before intake
            "H50.2-bad9,SNV,SNV-01,online,2026-11-30T08:00:00+07:00,,,,counter,received",                     // 14 in the future
            "H50.2-ok3,SNV,SNV-01,online,2026-11-03T08:00:00+07:00,,,,counter,received");                     // 15
        var before = await bed.CountsAsync();
        var problems = await ProblemsOf(await ImportAsync(Encoding.UTF8.GetBytes(csv)));
        Assert.Equal(
        [
            (3, "channel"), (5, "departmentCode"), (7, "receivedAt"), (7, "status"), (8, "code"), (9, "returnedAt"), (10, ""),
            (11, "procedureCode"), (12, "channel"), (12, "resultDelivery"), (13, "appointmentAt"), (13, "completedAt"), (14, "receivedAt"),
        ], problems.OrderBy(p => p.Line).ThenBy(p => p.Column, StringComparer.Ordinal).ToList());
        Assert.Equal(before, await bed.CountsAsync());
        await using var db = bed.App.CreateDb();
        Assert.False(await db.Dossiers.AnyAsync(d => d.Code.StartsWith("H50.2-")));
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF8_are_reported_with_their_line()
    {
        var bytes = Encoding.UTF8.GetBytes($"{Header}\nH50.3-a,SNV,SNV-01,counter,2026-11-02T08:00:00+07:00,,,,counter,received\nH50.3-b,S")
            .Concat(new byte[] { 0xC3, 0x28 })
            .Concat(Encoding.UTF8.GetBytes("NV,SNV-01,counter,2026-11-02T08:00:00+07:00,,,,counter,received\n")).ToArray();
        Assert.Equal([(3, "")], await ProblemsOf(await ImportAsync(bytes)));
    }

    [Fact]
    public async Task A_good_file_lands_with_its_events_and_the_overview_counts_it()
    {
        var overview = bed.App.Services.GetRequiredService<OverviewSnapshotQuery>();
        var before = await overview.RunAsync();
        var csv = "\uFEFF" + string.Join("\r\n",
            Header,
            // Received today (Wednesday 18/11) before the app's 09:00: two online, one at the counter; open.
            "H50.4-t1,SNV,SNV-01,online,2026-11-18T07:45:00+07:00,,,,counter,received",
            "H50.4-t2,SNV,SNV-01,online,2026-11-18T08:10:00+07:00,,,,post,in-progress",
            "H50.4-t3,STP,STP-01,counter,2026-11-18T08:20:00+07:00,,,,counter,received",
            // Resolved this month: early (appointment computed: Monday 09/11 08:00), on time (appointment given), late.
            "H50.4-m1,SNV,SNV-01,counter,2026-11-02T08:00:00+07:00,,2026-11-06T15:00:00+07:00,2026-11-09T09:00:00+07:00,post,returned",
            "H50.4-m2,SNV,SNV-01,counter,2026-11-02T08:00:00+07:00,2026-11-05T17:00:00+07:00,2026-11-05T16:00:00+07:00,,counter,result-ready",
            "H50.4-m3,STP,STP-01,online,2026-10-20T08:00:00+07:00,2026-11-03T08:00:00+07:00,2026-11-10T10:00:00+07:00,2026-11-11T10:00:00+07:00,counter,returned",
            "H50.4-m4,STP,STP-01,online,2026-11-02T08:00:00+07:00,,2026-11-04T08:00:00+07:00,,counter,refused") + "\r\n";
        var response = await ImportAsync(Encoding.UTF8.GetBytes(csv));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(7, result.GetProperty("imported").GetInt32());

        await using var db = bed.App.CreateDb();
        var dossiers = await db.Dossiers.Where(d => d.Code.StartsWith("H50.4-")).ToDictionaryAsync(d => d.Code);
        Assert.Equal(new DateTime(2026, 11, 9, 1, 0, 0, DateTimeKind.Utc), dossiers["H50.4-m1"].AppointmentAt);
        Assert.Equal((DossierStatus.Returned, Outcome.Early), (dossiers["H50.4-m1"].Status, dossiers["H50.4-m1"].Outcome!.Value));
        Assert.Equal((DossierStatus.ResultReady, Outcome.OnTime), (dossiers["H50.4-m2"].Status, dossiers["H50.4-m2"].Outcome!.Value));
        Assert.Equal(Outcome.Late, dossiers["H50.4-m3"].Outcome);
        Assert.Null(dossiers["H50.4-m4"].Outcome);
        Assert.Equal(2, dossiers["H50.4-t2"].CurrentStep);
        Assert.Equal(HistoryImport.NoApplicant, dossiers["H50.4-t1"].ApplicantName);
        var events = await db.DossierEvents.Where(e => dossiers.Values.Select(d => d.Id).Contains(e.DossierId)).ToListAsync();
        List<DossierEventType> Of(string code) => events.Where(e => e.DossierId == dossiers[code].Id).OrderBy(e => e.Id).Select(e => e.Type).ToList();
        Assert.Equal([DossierEventType.Received], Of("H50.4-t1"));
        Assert.Equal([DossierEventType.Received, DossierEventType.HandedOver], Of("H50.4-t2"));
        Assert.Equal([DossierEventType.Received, DossierEventType.Approved, DossierEventType.Returned], Of("H50.4-m1"));
        Assert.Equal([DossierEventType.Received, DossierEventType.Approved], Of("H50.4-m2"));
        Assert.Equal([DossierEventType.Received, DossierEventType.Refused], Of("H50.4-m4"));
        Assert.All(dossiers.Values, d => Assert.Equal(events.Count(e => e.DossierId == d.Id), d.Version));

        var after = await overview.RunAsync();
        Assert.Equal(before.Tiles.ReceivedToday + 3, after.Tiles.ReceivedToday);
        Assert.Equal(before.Tiles.ReceivedOnline + 2, after.Tiles.ReceivedOnline);
        Assert.Equal(before.Tiles.ReceivedCounter + 1, after.Tiles.ReceivedCounter);
        Assert.Equal(before.Tiles.Open + 4, after.Tiles.Open);
        Assert.Equal((before.Tiles.Early + 1, before.Tiles.OnTime + 1, before.Tiles.Late + 1), (after.Tiles.Early, after.Tiles.OnTime, after.Tiles.Late));
        Assert.Equal(before.Tiles.ReturnedByPostThisMonth + 1, after.Tiles.ReturnedByPostThisMonth);
        var snv = after.Departments.Single(d => d.Code == "SNV");
        var snvBefore = before.Departments.Single(d => d.Code == "SNV");
        Assert.Equal((snvBefore.AtReception + 1, snvBefore.AtProcessing + 1, snvBefore.ResultReady + 1), (snv.AtReception, snv.AtProcessing, snv.ResultReady));

        // The same file again: every code is now taken, so nothing more lands.
        var again = await ProblemsOf(await ImportAsync(Encoding.UTF8.GetBytes(csv)));
        Assert.Equal(Enumerable.Range(2, 7).Select(l => (l, "code")), again);
    }

    [Fact]
    public async Task A_file_of_many_bad_rows_lists_the_first_thousand_counts_them_all_and_answers_small()
    {
        // 4,000 rows, each with two bad cells (channel and status): 8,000 problems.
        var csv = Header + "\n" + string.Concat(Enumerable.Range(0, 4000).Select(i =>
            $"H50.9-{i},SNV,SNV-01,fax,2026-11-02T08:00:00+07:00,,,,counter,đã trả\n"));
        var before = await bed.CountsAsync();
        var response = await ImportAsync(Encoding.UTF8.GetBytes(csv));
        var body = await response.Content.ReadAsStringAsync();
        var problems = await ProblemsOf(response);

        Assert.Equal(ImportProblems.Listed, problems.Count);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(8000, json.GetProperty("totalProblems").GetInt32());
        Assert.Contains("8.000 lỗi (liệt kê 1.000 lỗi đầu tiên)", json.GetProperty("detail").GetString());
        // The first thousand by line: lines 2 to 501, two problems each.
        Assert.Equal(Enumerable.Range(2, 500).SelectMany(l => new[] { (l, "channel"), (l, "status") }),
            problems.OrderBy(p => p.Line).ThenBy(p => p.Column, StringComparer.Ordinal));
        // Each listed once: about 150 bytes a problem, not two copies of each.
        Assert.True(body.Length < 250 * ImportProblems.Listed, $"answer of {body.Length:n0} characters");
        Assert.Equal(before, await bed.CountsAsync());
    }
}
