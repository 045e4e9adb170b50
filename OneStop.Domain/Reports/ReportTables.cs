namespace OneStop.Domain.Reports;

/// <summary>One table of the report with Vietnamese headers; a cell is a string, a number (int or double) or null (empty).</summary>
public sealed record ReportTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>One figure column: its Vietnamese header and how to read it (percentages as 0-100, one decimal).</summary>
public sealed record FigureColumn(string Header, Func<ReportFigures, object?> Value);

/// <summary>
/// The report as tables, the shape the XLSX (one sheet per table) and the CSV (the four figure breakdowns in one
/// table) are written from. Every figure of a breakdown row appears three times: this month, the previous month and
/// the same month last year, as three lines told apart by the "Kỳ" column.
/// </summary>
public static class ReportTables
{
    public const string ThisMonth = "Tháng này", PreviousMonth = "Tháng trước", LastYear = "Cùng kỳ năm trước";

    public static readonly IReadOnlyList<FigureColumn> Figures =
    [
        new("Tiếp nhận", f => f.Received),
        new("Trực tiếp", f => f.ReceivedCounter),
        new("Trực tuyến", f => f.ReceivedOnline),
        new("Qua bưu chính", f => f.ReceivedPost),
        new("Tỷ lệ trực tuyến (%)", f => Percent(f.OnlineShare)),
        new("Đã số hóa", f => f.Digitized),
        new("Tỷ lệ số hóa (%)", f => Percent(f.DigitizationRate)),
        new("Đã giải quyết", f => f.Resolved),
        new("Trước hạn", f => f.Early),
        new("Đúng hạn", f => f.OnTime),
        new("Quá hạn", f => f.Late),
        new("Tỷ lệ đúng hạn (%)", f => Percent(f.OnTimeRate)),
        new("Đang giải quyết", f => f.InProgress),
        new("Quá hạn chưa giải quyết", f => f.Overdue),
        new("Thư xin lỗi", f => f.Apologies),
        new("Yêu cầu bổ sung", f => f.SupplementRequests),
        new("Trả kết quả qua bưu chính", f => f.ReturnedByPost),
        new("Thời gian xử lý trung bình (ngày LV)", f => f.AverageDays),
        new("Thời gian xử lý P90 (ngày LV)", f => f.P90Days),
        new("Thời hạn quy định trung bình (ngày LV)", f => f.StatutoryDays),
        new("Lượt đánh giá", f => f.SatisfactionResponses),
        new("Hài lòng", f => f.Satisfied),
        new("Tỷ lệ hài lòng (%)", f => Percent(f.SatisfactionRate)),
    ];

    public static double? Percent(double? rate) => rate is { } r ? Math.Round(r * 100, 1) : null;

    public const string TotalTitle = "Tổng hợp", DepartmentsTitle = "Theo đơn vị", ProceduresTitle = "Theo thủ tục", StaffTitle = "Theo nhân viên bưu điện",
        LateTitle = "Trễ hạn - quy trách nhiệm", LateOwnersTitle = "Trễ hạn theo cơ quan", ReviseTitle = "Thủ tục cần sửa thời hạn", ScorecardTitle = "Xếp hạng đơn vị";

    /// <summary>The figure breakdowns: the center, departments, procedures, postal staff.</summary>
    public static IReadOnlyList<ReportTable> Breakdowns(MonthlyReport r) =>
    [
        Breakdown(TotalTitle, "Mã", "Phạm vi", [r.Total]),
        Breakdown(DepartmentsTitle, "Mã đơn vị", "Đơn vị", r.Departments),
        Breakdown(ProceduresTitle, "Mã thủ tục", "Thủ tục", r.Procedures),
        Breakdown(StaffTitle, "Tài khoản", "Nhân viên bưu điện", r.PostalStaff),
    ];

    /// <summary>Every table: the breakdowns, late attribution, late totals by agency, procedures to revise, the scorecard.</summary>
    public static IReadOnlyList<ReportTable> All(MonthlyReport r)
    {
        var tables = Breakdowns(r).ToList();
        tables.Add(new ReportTable(LateTitle,
            ["Mã hồ sơ", "Mã thủ tục", "Thủ tục", "Đơn vị", "Bước vượt thời gian", "Nhóm chịu trách nhiệm", "Cơ quan chịu trách nhiệm", "Người xử lý", "Vượt phần thời gian của bước (giờ LV)", "Trễ so với hẹn (ngày LV)"],
            r.LateDossiers.Select(l => (IReadOnlyList<object?>)[l.Code, l.ProcedureCode, l.ProcedureName, l.DepartmentName, l.StepName, LateText.Kind(l.OwnerKind), l.OwnerName, l.HandlerName, l.OverrunHours, l.LateDays]).ToList()));
        tables.Add(new ReportTable(LateOwnersTitle, ["Nhóm", "Cơ quan", "Số hồ sơ trễ hạn"],
            r.LateByKind().Select(t => (IReadOnlyList<object?>)[t.OwnerName, "(cả nhóm)", t.Count])
                .Concat(r.LateByOwner().Select(t => (IReadOnlyList<object?>)[LateText.Kind(t.Kind), t.OwnerName, t.Count])).ToList()));
        tables.Add(new ReportTable(ReviseTitle,
            ["Mã thủ tục", "Thủ tục", "Đơn vị", "Số hồ sơ đã giải quyết", "Thời hạn quy định (ngày LV)", "Thời gian xử lý P90 (ngày LV)", "Thời gian xử lý trung bình (ngày LV)", "Tỷ lệ quá hạn (%)", "Thời hạn quy định", "Thời hạn thực tế cần", "Đơn vị tính"],
            r.ProceduresToRevise.Select(p => (IReadOnlyList<object?>)[p.ProcedureCode, p.ProcedureName, p.DepartmentName, p.Resolved, p.StatutoryDays, p.P90Days, p.AverageDays, Percent(p.LateRate), p.StatutoryAmount, p.RealisticAmount, p.Unit]).ToList()));
        tables.Add(new ReportTable(ScorecardTitle,
            ["Hạng", "Mã đơn vị", "Đơn vị", "Tỷ lệ đúng hạn (%)", "Tỷ lệ trực tuyến (%)", "Tỷ lệ số hóa (%)", "Tỷ lệ hài lòng (%)", "Điểm"],
            r.Scorecard.Select(s => (IReadOnlyList<object?>)[s.Rank, s.DepartmentCode, s.DepartmentName, Percent(s.OnTimeRate), Percent(s.OnlineShare), Percent(s.DigitizationRate), Percent(s.SatisfactionRate), s.Score]).ToList()));
        return tables;
    }

    private static ReportTable Breakdown(string title, string keyHeader, string nameHeader, IReadOnlyList<ReportRow> rows)
    {
        var headers = new List<string> { keyHeader, nameHeader, "Kỳ" };
        headers.AddRange(Figures.Select(c => c.Header));
        var lines = new List<IReadOnlyList<object?>>();
        foreach (var row in rows)
            foreach (var (period, figures) in new[] { (ThisMonth, row.Current), (PreviousMonth, row.Previous), (LastYear, row.LastYear) })
            {
                var line = new List<object?> { row.Key, row.Name, period };
                line.AddRange(Figures.Select(c => c.Value(figures)));
                lines.Add(line);
            }
        return new ReportTable(title, headers, lines);
    }
}
