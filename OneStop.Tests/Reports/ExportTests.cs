using System.Text;
using CsvHelper;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Reports;
using OneStop.Tests.Infrastructure;
using OneStop.Web.Reports;
using static OneStop.Tests.Reports.ReportFixture;

namespace OneStop.Tests.Reports;

/// <summary>The XLSX holds the model's numbers as numbers, sheet by sheet; the CSV parses and holds the same.</summary>
public sealed class ExportTests : IDisposable
{
    private readonly ReportFixture _x = new();
    public void Dispose() => _x.Dispose();

    private async Task<MonthlyReport> OctoberAsync()
    {
        _x.New(SnvProcedure, Local(2026, 10, 5, 8), Channel.Online, completed: _x.Days(Local(2026, 10, 5, 8), 1), returned: Local(2026, 10, 7, 9), delivery: ResultDelivery.Post, satisfied: true);
        _x.New(SnvProcedure, Local(2026, 10, 6, 8), Channel.Counter, completed: _x.Days(Local(2026, 10, 6, 8), 7));
        _x.ReceivedBy(_x.New(StpProcedure, Local(2026, 10, 7, 8), Channel.Post, completed: _x.Days(Local(2026, 10, 7, 8), 5)), WorkflowFixture.Postal2);
        _x.New(StpProcedure, Local(2026, 9, 7, 8), Channel.Online, completed: _x.Days(Local(2026, 9, 7, 8), 2));
        _x.New(SnvProcedure, Local(2025, 10, 7, 8), Channel.Online, completed: _x.Days(Local(2025, 10, 7, 8), 3));
        await _x.SaveAsync();
        return await _x.Query().RunAsync(new ReportMonth(2026, 10));
    }

    [Fact]
    public async Task Xlsx_read_back_holds_the_models_numbers()
    {
        var report = await OctoberAsync();
        var sheets = XlsxSheets.Read(MonthlyReportXlsx.Write(report, frozen: false));

        Assert.Equal([ReportTables.TotalTitle, ReportTables.DepartmentsTitle, ReportTables.ProceduresTitle, ReportTables.StaffTitle,
            ReportTables.LateTitle, ReportTables.LateOwnersTitle, ReportTables.ReviseTitle, ReportTables.ScorecardTitle], sheets.Keys);
        Assert.Contains("Số liệu trực tiếp", (string?)sheets[ReportTables.TotalTitle][0][0]);

        var deps = sheets[ReportTables.DepartmentsTitle];
        foreach (var row in report.Departments)
            foreach (var (period, figures) in new[] { (ReportTables.ThisMonth, row.Current), (ReportTables.PreviousMonth, row.Previous), (ReportTables.LastYear, row.LastYear) })
            {
                Assert.Equal((double)figures.Received, XlsxSheets.Cell(deps, "Tiếp nhận", row.Key, row.Name, period));
                Assert.Equal((double)figures.Late, XlsxSheets.Cell(deps, "Quá hạn", row.Key, row.Name, period));
                Assert.Equal((double)figures.Early, XlsxSheets.Cell(deps, "Trước hạn", row.Key, row.Name, period));
                Assert.Equal(ReportTables.Percent(figures.OnTimeRate), XlsxSheets.Cell(deps, "Tỷ lệ đúng hạn (%)", row.Key, row.Name, period));
                Assert.Equal(figures.AverageDays, XlsxSheets.Cell(deps, "Thời gian xử lý trung bình (ngày LV)", row.Key, row.Name, period));
            }
        // The known answers, to be sure the loop above compared something real.
        Assert.Equal(2.0, XlsxSheets.Cell(deps, "Tiếp nhận", "SNV", "Sở Nội vụ", ReportTables.ThisMonth));
        Assert.Equal(1.0, XlsxSheets.Cell(deps, "Quá hạn", "SNV", "Sở Nội vụ", ReportTables.ThisMonth));
        Assert.Equal(50.0, XlsxSheets.Cell(deps, "Tỷ lệ đúng hạn (%)", "SNV", "Sở Nội vụ", ReportTables.ThisMonth));
        Assert.Equal(1.0, XlsxSheets.Cell(deps, "Tiếp nhận", "SNV", "Sở Nội vụ", ReportTables.LastYear));
        Assert.Equal(1.0, XlsxSheets.Cell(deps, "Trả kết quả qua bưu chính", "SNV", "Sở Nội vụ", ReportTables.ThisMonth));
        Assert.Equal(3.0, XlsxSheets.Cell(sheets[ReportTables.TotalTitle], "Tiếp nhận", "", "Toàn Trung tâm", ReportTables.ThisMonth));
        Assert.Equal(2.0, XlsxSheets.Cell(sheets[ReportTables.StaffTitle], "Tiếp nhận", "postal1", "Nguyễn Thị Hoa", ReportTables.ThisMonth));

        var late = sheets[ReportTables.LateTitle];
        Assert.Equal(report.LateDossiers.Count, late.Count - 2);
        var scorecard = sheets[ReportTables.ScorecardTitle];
        Assert.Equal(report.Scorecard.Select(s => (double)s.Rank), scorecard.Skip(2).Select(r => (double)r[0]!));
        Assert.Equal(report.Scorecard.Select(s => s.Score), scorecard.Skip(2).Select(r => (double)r[^1]!));
    }

    [Fact]
    public async Task Csv_has_a_bom_parses_and_holds_the_same_numbers()
    {
        var report = await OctoberAsync();
        var bytes = MonthlyReportCsv.Write(report);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);

        using var csv = CsvReader.Create(bytes, new CsvReaderOptions { HasHeader = true });
        var lines = new List<string[]>();
        while (csv.Read()) lines.Add(Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray());
        var headers = csv.Headers!.ToList();

        Assert.Equal(MonthlyReportCsv.TableHeader, headers[0]);
        Assert.Contains("Tỷ lệ đúng hạn (%)", headers);
        Assert.Equal(3 * (1 + report.Departments.Count + report.Procedures.Count + report.PostalStaff.Count), lines.Count);
        Assert.All(lines, l => Assert.Equal(headers.Count, l.Length));
        string Cell(string table, string key, string period, string header) =>
            lines.Single(l => l[0] == table && l[1] == key && l[3] == period)[headers.IndexOf(header)];
        Assert.Equal("2", Cell(ReportTables.DepartmentsTitle, "SNV", ReportTables.ThisMonth, "Tiếp nhận"));
        Assert.Equal("50", Cell(ReportTables.DepartmentsTitle, "SNV", ReportTables.ThisMonth, "Tỷ lệ đúng hạn (%)"));
        Assert.Equal("Sở Tư pháp", lines.First(l => l[1] == "STP")[2]);
        Assert.Equal(report.Total.Current.Received.ToString(), Cell(ReportTables.TotalTitle, "", ReportTables.ThisMonth, "Tiếp nhận"));
        Assert.Equal(report.Total.Previous.Resolved.ToString(), Cell(ReportTables.TotalTitle, "", ReportTables.PreviousMonth, "Đã giải quyết"));
    }

    [Fact]
    public async Task Csv_cells_that_a_spreadsheet_would_run_as_formulas_are_written_as_text()
    {
        await using (var db = _x.F.Db())
        {
            var snv = db.Departments.Single(d => d.Code == "SNV");
            snv.Name = "=HYPERLINK(\"http://evil.example\",\"x\")";
            db.Departments.Single(d => d.Code == "STP").Name = "-2+3";
            db.Staff.Single(st => st.UserName == "postal1").FullName = "@SUM(A1:A9)";
            db.Procedures.Single(p => p.Id == StpProcedure).Name = "\tcmd|' /C calc'!A0";
            await db.SaveChangesAsync();
        }
        var report = await OctoberAsync();
        using var csv = CsvReader.Create(MonthlyReportCsv.Write(report), new CsvReaderOptions { HasHeader = true });
        var lines = new List<string[]>();
        while (csv.Read()) lines.Add(Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray());

        string NameOf(string key) => lines.First(l => l[1] == key)[2];
        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"x\")", NameOf("SNV"));
        Assert.Equal("'-2+3", NameOf("STP"));
        Assert.Equal("'@SUM(A1:A9)", NameOf("postal1"));
        Assert.Contains(lines, l => l[2] == "'\tcmd|' /C calc'!A0");
        // No cell of the file starts a formula; the figures are still plain numbers.
        Assert.All(lines.SelectMany(l => l), cell => Assert.False(cell.Length > 0 && "=+-@\t\r".Contains(cell[0]), cell));
        Assert.Equal("2", lines.Single(l => l[0] == ReportTables.DepartmentsTitle && l[1] == "SNV" && l[3] == ReportTables.ThisMonth)[4]);
    }
}
