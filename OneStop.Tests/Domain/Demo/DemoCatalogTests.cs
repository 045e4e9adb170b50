using OneStop.Domain.Catalog;
using OneStop.Domain.Persistence.Demo;
using OneStop.Domain.Staffing;

namespace OneStop.Tests.Domain.Demo;

public class DemoCatalogTests
{
    private readonly DemoCatalogData _c = DemoCatalog.Create();

    private static bool HasVietnameseLetters(string s) => s.Any(ch => ch > 127 && char.IsLetter(ch));

    [Fact]
    public void Seventeen_departments_with_their_Vietnamese_names_and_short_codes()
    {
        var expected = new (string Code, string Name)[]
        {
            ("SNV", "Sở Nội vụ"), ("STC", "Sở Tài chính"), ("SNGV", "Sở Ngoại vụ"), ("SKHCN", "Sở Khoa học và Công nghệ"),
            ("SYT", "Sở Y tế"), ("SGDDT", "Sở Giáo dục và Đào tạo"), ("STTTT", "Sở Thông tin và Truyền thông"),
            ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"), ("BQLKKT", "Ban Quản lý Khu kinh tế tỉnh"),
            ("SLDTBXH", "Sở Lao động - Thương binh và Xã hội"), ("STP", "Sở Tư pháp"), ("SKHDT", "Sở Kế hoạch và Đầu tư"),
            ("SXD", "Sở Xây dựng"), ("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn"), ("STNMT", "Sở Tài nguyên và Môi trường"),
            ("SCT", "Sở Công Thương"), ("SGTVT", "Sở Giao thông vận tải"),
        };
        Assert.Equal(17, _c.Departments.Count);
        Assert.Equal(expected, _c.Departments.OrderBy(d => d.Id).Select(d => (d.Code, d.Name)).ToArray());
        Assert.Equal(Enumerable.Range(1, 17), _c.Departments.Select(d => d.Id).Order());
        Assert.All(_c.Departments, d => Assert.Matches("^[A-Z]{2,8}$", d.Code));
        Assert.All(_c.Departments, d => Assert.True(HasVietnameseLetters(d.Name), d.Name));
    }

    [Fact]
    public void The_eleven_pilot_departments_are_postal_covered()
    {
        var covered = _c.Departments.Where(d => d.PostalCovered).Select(d => d.Code).Order().ToArray();
        Assert.Equal(DemoCatalog.PilotDepartmentCodes.Order().ToArray(), covered);
        Assert.Equal(11, covered.Length);
        Assert.Equal(9, DemoCatalog.LowVolumeCodes.Count);
        Assert.Equal(6, DemoCatalog.HighVolumeCodes.Count);
    }

    [Fact]
    public void Every_department_has_two_to_four_fields_with_Vietnamese_names()
    {
        foreach (var d in _c.Departments)
        {
            var fields = _c.Fields.Where(f => f.DepartmentId == d.Id).ToList();
            Assert.InRange(fields.Count, 2, 4);
            Assert.All(fields, f => Assert.StartsWith(d.Code + "-", f.Code));
        }
        Assert.Equal(_c.Fields.Count, _c.Fields.Select(f => f.Id).Distinct().Count());
        Assert.Equal(_c.Fields.Count, _c.Fields.Select(f => f.Code).Distinct().Count());
        Assert.True(_c.Fields.Count(f => HasVietnameseLetters(f.Name)) > _c.Fields.Count * 0.8);
    }

    [Fact]
    public void At_least_sixty_procedures_spread_over_all_departments()
    {
        Assert.True(_c.Procedures.Count >= 64, $"{_c.Procedures.Count} procedures");
        Assert.All(_c.Departments, d => Assert.True(_c.Procedures.Count(p => p.DepartmentId == d.Id) >= 3, d.Code));
        Assert.Equal(_c.Procedures.Count, _c.Procedures.Select(p => p.Id).Distinct().Count());
        Assert.Equal(_c.Procedures.Count, _c.Procedures.Select(p => p.Code).Distinct().Count());
        var fields = _c.Fields.ToDictionary(f => f.Id);
        Assert.All(_c.Procedures, p =>
        {
            Assert.Equal(p.DepartmentId, fields[p.FieldId].DepartmentId);
            Assert.Matches(@"^\d\.\d{6}\.000\.00\.00\.H50$", p.Code);
            Assert.True(HasVietnameseLetters(p.Name), p.Name);
            Assert.True(p.StatutoryAmount > 0);
            Assert.NotEqual(Channels.None, p.AllowedChannels);
            Assert.False(string.IsNullOrWhiteSpace(p.Fees));
            Assert.True(p.RequiredPapers.Split('\n').Length >= 1 && p.RequiredPapers.Length > 20, p.Name);
        });
        var days = _c.Procedures.Where(p => p.StatutoryUnit == TimeUnit.WorkingDays).ToList();
        Assert.True(days.Count(p => p.StatutoryAmount is >= 3 and <= 20) > _c.Procedures.Count * 0.8);
        Assert.Contains(_c.Procedures, p => p.StatutoryUnit == TimeUnit.WorkingHours && p.StatutoryAmount == 4);
        Assert.Contains(_c.Procedures, p => p.StatutoryUnit == TimeUnit.WorkingHours && p.StatutoryAmount == 8);
        Assert.Contains(_c.Procedures, p => !p.ResultByPost);
        Assert.Contains(_c.Procedures, p => !p.AllowedChannels.HasFlag(Channels.Post));
    }

    [Fact]
    public void The_twelve_day_award_procedure_of_So_Noi_vu_exists()
    {
        var award = _c.Procedures.Single(p => p.Id == DemoCatalog.AwardProcedureId);
        Assert.Equal("Tặng Bằng khen của Chủ tịch UBND tỉnh về thành tích đột xuất", award.Name);
        Assert.Equal(DemoCatalog.SoNoiVu, award.DepartmentId);
        Assert.Equal(12, award.StatutoryAmount);
        Assert.Equal(TimeUnit.WorkingDays, award.StatutoryUnit);
        Assert.Contains(_c.Steps, s => s.ProcedureId == award.Id && s.Kind == StepKind.InterAgency && s.Agency == "Văn phòng UBND tỉnh");
    }

    [Fact]
    public void Steps_are_ordered_and_their_shares_add_up_to_one()
    {
        var postal = _c.Departments.ToDictionary(d => d.Id, d => d.PostalCovered);
        foreach (var p in _c.Procedures)
        {
            var steps = _c.Steps.Where(s => s.ProcedureId == p.Id).OrderBy(s => s.Order).ToList();
            Assert.Equal(Enumerable.Range(1, steps.Count), steps.Select(s => s.Order));
            Assert.Equal(StepKind.Reception, steps[0].Kind);
            Assert.Equal(StepKind.Return, steps[^1].Kind);
            Assert.Contains(steps, s => s.Kind == StepKind.Processing && s.Role == StaffRole.DepartmentOfficer);
            Assert.Contains(steps, s => s.Kind == StepKind.Approval && s.Role == StaffRole.DepartmentLeader);
            double sum = 0;
            foreach (var s in steps) sum += s.Share;
            Assert.Equal(1.0, sum); // exactly, in step order
            Assert.All(steps, s => Assert.InRange(s.Share, 0.01, 0.7));
            Assert.All(steps, s => Assert.Equal(s.Kind == StepKind.InterAgency, s.Agency is not null));
            Assert.All(steps.Where(s => s.Kind is StepKind.Reception or StepKind.Return),
                s => Assert.Equal(postal[p.DepartmentId] ? StaffRole.PostalStaff : StaffRole.DepartmentOfficer, s.Role));
            Assert.All(steps, s => Assert.Equal(p.Id * 10 + s.Order, s.Id));
        }
        // Roughly the shares of the brief: reception ~10%, processing ~55%, approval ~20%, return ~5%.
        Assert.InRange(_c.Steps.Where(s => s.Kind == StepKind.Processing).Average(s => s.Share), 0.45, 0.65);
        Assert.InRange(_c.Steps.Count(s => s.Kind == StepKind.InterAgency), 10, 40);
    }

    [Fact]
    public void Required_users_exist_with_their_roles()
    {
        var byName = _c.Staff.ToDictionary(s => s.UserName);
        Assert.Equal(_c.Staff.Count, byName.Count);
        Assert.Equal(_c.Staff.Count, _c.Staff.Select(s => s.Id).Distinct().Count());
        Assert.Equal(StaffRole.Admin, byName["admin"].Role);
        Assert.Equal(StaffRole.Director, byName["director"].Role);
        Assert.Equal(StaffRole.PostalSupervisor, byName["supervisor"].Role);
        for (int i = 1; i <= 4; i++) Assert.Equal(StaffRole.PostalStaff, byName[$"postal{i}"].Role);
        Assert.Equal((StaffRole.DepartmentOfficer, (int?)DemoCatalog.SoNoiVu), (byName["officer1"].Role, byName["officer1"].DepartmentId));
        Assert.Equal((StaffRole.DepartmentLeader, (int?)DemoCatalog.SoNoiVu), (byName["leader1"].Role, byName["leader1"].DepartmentId));
        Assert.Equal(DemoCatalog.Officer1Id, byName["officer1"].Id);
        Assert.Equal(DemoCatalog.Leader1Id, byName["leader1"].Id);
        Assert.Equal(StaffRole.DepartmentOfficer, byName["snv.cv1"].Role);
        Assert.Equal(StaffRole.DepartmentLeader, byName["snv.ld"].Role);
        foreach (var d in _c.Departments)
        {
            Assert.Contains(_c.Staff, s => s.DepartmentId == d.Id && s.Role == StaffRole.DepartmentOfficer);
            Assert.Contains(_c.Staff, s => s.DepartmentId == d.Id && s.Role == StaffRole.DepartmentLeader);
            var code = d.Code.ToLowerInvariant();
            Assert.Contains(_c.Staff, s => s.DepartmentId == d.Id && s.UserName == code + ".ld");
        }
        Assert.All(_c.Staff, s =>
        {
            Assert.Null(s.PasswordHash);
            Assert.True(s.Active);
            Assert.True(HasVietnameseLetters(s.FullName), s.FullName);
            Assert.InRange(s.FullName.Split(' ').Length, 3, 4);
            Assert.Matches(@"^0[3789]\d{8}$", s.Phone);
            Assert.Matches(@"^[a-z0-9.]+@(quangtri\.gov\.vn|vnpost\.vn)$", s.Email);
            Assert.Equal(s.Role is StaffRole.DepartmentOfficer or StaffRole.DepartmentLeader, s.DepartmentId is not null);
        });
        Assert.All(_c.Staff.Where(s => s.Role is StaffRole.PostalStaff or StaffRole.PostalSupervisor), s => Assert.EndsWith("@vnpost.vn", s.Email));
    }

    [Fact]
    public void Four_postal_staff_cover_all_pilot_departments_two_to_four_each()
    {
        var postal = _c.Staff.Where(s => s.Role == StaffRole.PostalStaff).ToList();
        Assert.True(postal.Count >= 4);
        var staffById = _c.Staff.ToDictionary(s => s.Id);
        var deptById = _c.Departments.ToDictionary(d => d.Id);
        Assert.All(_c.Coverage, c =>
        {
            Assert.Equal(StaffRole.PostalStaff, staffById[c.StaffId].Role);
            Assert.True(deptById[c.DepartmentId].PostalCovered);
        });
        Assert.Equal(_c.Coverage.Count, _c.Coverage.Select(c => (c.StaffId, c.DepartmentId)).Distinct().Count());
        Assert.All(postal, p => Assert.InRange(_c.Coverage.Count(c => c.StaffId == p.Id), 2, 4));
        Assert.All(_c.Departments.Where(d => d.PostalCovered), d => Assert.Contains(_c.Coverage, c => c.DepartmentId == d.Id));
        Assert.Contains(_c.Coverage, c => c.StaffId == DemoCatalog.Postal1Id && c.DepartmentId == DemoCatalog.SoNoiVu);
    }

    [Fact]
    public void Profiles_name_the_right_people()
    {
        var staff = _c.Staff.ToDictionary(s => s.Id);
        foreach (var d in _c.Departments)
        {
            var p = _c.DepartmentProfiles[d.Id];
            Assert.All(p.Officers, o => Assert.Equal((StaffRole.DepartmentOfficer, (int?)d.Id), (staff[o.StaffId].Role, staff[o.StaffId].DepartmentId)));
            Assert.All(p.Leaders, o => Assert.Equal((StaffRole.DepartmentLeader, (int?)d.Id), (staff[o.StaffId].Role, staff[o.StaffId].DepartmentId)));
            if (d.PostalCovered)
                Assert.All(p.Reception, r => Assert.Contains(_c.Coverage, c => c.StaffId == r.StaffId && c.DepartmentId == d.Id));
            else
                Assert.All(p.Reception, r => Assert.Equal((StaffRole.DepartmentOfficer, (int?)d.Id), (staff[r.StaffId].Role, staff[r.StaffId].DepartmentId)));
        }
        Assert.All(_c.Procedures, p => Assert.True(_c.ProcedureProfiles[p.Id].Weight > 0));
        Assert.Equal(DemoCatalog.LowVolumeYearly, _c.Departments.Where(d => DemoCatalog.LowVolumeCodes.Contains(d.Code)).Sum(d => _c.DepartmentProfiles[d.Id].AnnualVolume));
        Assert.Equal(DemoCatalog.HighVolumeYearly, _c.Departments.Where(d => DemoCatalog.HighVolumeCodes.Contains(d.Code)).Sum(d => _c.DepartmentProfiles[d.Id].AnnualVolume));
    }

    [Fact]
    public void Each_call_builds_fresh_objects()
    {
        var other = DemoCatalog.Create();
        Assert.NotSame(_c.Departments[0], other.Departments[0]);
        Assert.Equal(_c.Procedures.Select(p => p.Code), other.Procedures.Select(p => p.Code));
    }
}
