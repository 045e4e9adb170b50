using OneStop.Domain.Calendar;
using OneStop.Domain.Staffing;
using static OneStop.Domain.Persistence.Demo.DemoCatalog;

namespace OneStop.Domain.Persistence.Demo;

/// <summary>
/// The demo center's training records and absences, so /staffing has something to say on first start: postal2 is on
/// leave on the demo's "today", leaving Khoa học và Công nghệ and Giáo dục without anyone present and their dossiers
/// stranded, while postal4 carries Công Thương and Giao thông alone. Each postal staff member is trained for the
/// departments they cover and a few more (the backups a supervisor can call on).
/// </summary>
public static class DemoStaffing
{
    public static (IReadOnlyList<StaffQualification> Trained, IReadOnlyList<StaffAbsence> Absences) Create(DemoCatalogData catalog, DateTime nowUtc)
    {
        var trained = catalog.Coverage.Select(c => (c.StaffId, c.DepartmentId)).ToHashSet();
        foreach (var extra in new[]
                 {
                     (Postal1Id, SoKhoaHocCongNghe), (Postal1Id, SoYTe), (Postal1Id, SoCongThuong),
                     (Postal3Id, SoGiaoDuc), (Postal3Id, SoYTe), (Postal3Id, SoGiaoThong),
                     (Postal2Id, SoNoiVu),
                 })
            trained.Add(extra);
        var today = WorkingCalendar.LocalDate(nowUtc);
        var absences = new List<StaffAbsence>
        {
            new() { StaffId = Postal2Id, Date = today, Kind = AbsenceKind.Leave, Note = "Nghỉ phép năm" },
            new() { StaffId = Postal3Id, Date = today.AddDays(-7), Kind = AbsenceKind.Sick },
            new() { StaffId = Postal1Id, Date = today.AddDays(7), Kind = AbsenceKind.Training, Note = "Tập huấn dịch vụ công trực tuyến" },
        };
        return (trained.OrderBy(t => t.StaffId).ThenBy(t => t.DepartmentId)
            .Select(t => new StaffQualification { StaffId = t.StaffId, DepartmentId = t.DepartmentId }).ToList(), absences);
    }
}
