using OneStop.Domain.Catalog;
using OneStop.Domain.Staffing;
using OneStop.Tests.Infrastructure;
using static OneStop.Tests.Infrastructure.WorkflowFixture;

namespace OneStop.Tests.Components.Intake;

/// <summary>The catalogue questions the intake page asks, over the WorkflowFixture database.</summary>
public sealed class ProcedureCatalogQueryTests : IDisposable
{
    private readonly WorkflowFixture _f = new();
    private readonly ProcedureCatalogQuery _q;

    public ProcedureCatalogQueryTests()
    {
        _q = new ProcedureCatalogQuery(_f.Contexts);
        using var db = _f.Db();
        db.Procedures.Add(new Procedure
        {
            Id = 20, Code = "STP-01", Name = "Cấp Phiếu lý lịch tư pháp", DepartmentId = Stp, FieldId = 2,
            StatutoryAmount = 10, StatutoryUnit = TimeUnit.WorkingDays,
        });
        db.Procedures.Add(new Procedure
        {
            Id = 21, Code = "SNV-10", Name = "Đăng ký hoạt động tín ngưỡng", DepartmentId = Snv, FieldId = 1,
            StatutoryAmount = 15, StatutoryUnit = TimeUnit.WorkingDays,
        });
        db.SaveChanges();
    }

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Postal_staff_get_the_departments_they_cover_officers_their_own_others_none()
    {
        var postal = await _q.DepartmentsForAsync(Postal1);
        var snv = Assert.Single(postal);
        Assert.Equal(("SNV", "Sở Nội vụ", true), (snv.Code, snv.Name, snv.CoveredByPostal));

        Assert.Empty(await _q.DepartmentsForAsync(Postal2));
        var officer = Assert.Single(await _q.DepartmentsForAsync(OtherOfficer));
        Assert.Equal(("STP", false), (officer.Code, officer.CoveredByPostal));
        Assert.Empty(await _q.DepartmentsForAsync(Director));
        Assert.Empty(await _q.DepartmentsForAsync(Leader1));
        Assert.Empty(await _q.DepartmentsForAsync(99_999));
    }

    [Fact]
    public async Task An_inactive_staff_member_gets_nothing()
    {
        using (var db = _f.Db())
        {
            db.Staff.Find(Postal1)!.Active = false;
            db.SaveChanges();
        }
        Assert.Empty(await _q.DepartmentsForAsync(Postal1));
    }

    [Fact]
    public async Task A_department_lists_only_its_own_procedures_by_code()
    {
        var list = await _q.ProceduresOfAsync(Snv);
        Assert.Equal(["SNV-01", "SNV-02", "SNV-10"], list.Select(p => p.Code));
        Assert.Equal("Thi đua, khen thưởng", list[0].FieldName);
        Assert.Equal(["STP-01"], (await _q.ProceduresOfAsync(Stp)).Select(p => p.Code));
    }

    [Theory]
    [InlineData("tin nguong", "SNV-10")]
    [InlineData("ĐĂNG KÝ", "SNV-10")]
    [InlineData("dang ky hoat dong", "SNV-10")]
    [InlineData("bang khen", "SNV-01")]
    [InlineData("khen chu tich", "SNV-01")]
    [InlineData("snv-02", "SNV-02")]
    public async Task Search_matches_every_word_accents_and_case_ignored(string search, string code)
    {
        var found = await _q.SearchAsync(Snv, search);
        Assert.Equal(code, Assert.Single(found).Code);
    }

    [Fact]
    public async Task An_empty_search_lists_everything_and_a_miss_lists_nothing()
    {
        Assert.Equal(3, (await _q.SearchAsync(Snv, "  ")).Count);
        Assert.Empty(await _q.SearchAsync(Snv, "lý lịch")); // that one belongs to Sở Tư pháp
        // Field names are searched too: every SNV procedure here is in "Thi đua, khen thưởng".
        Assert.Equal(3, (await _q.SearchAsync(Snv, "thi dua")).Count);
    }

    [Theory]
    [InlineData("Cấp GIẤY PHÉP (đổi)", "cap giay phep doi")]
    [InlineData("Đăng ký  hộ tịch", "dang ky ho tich")]
    [InlineData("Ủy ban, Ưu đãi; Ơn", "uy ban uu dai on")]
    public void Fold_removes_diacritics_case_and_punctuation(string text, string folded) =>
        Assert.Equal(folded, ProcedureCatalogQuery.Fold(text));

    [Fact]
    public async Task A_procedure_comes_with_its_steps_in_order_and_its_papers_split_by_line()
    {
        var p = await _q.ProcedureAsync(ProcedureId);
        Assert.NotNull(p);
        Assert.Equal("Sở Nội vụ", p.Department!.Name);
        Assert.Equal("Thi đua, khen thưởng", p.Field!.Name);
        Assert.Equal([1, 2, 3, 4, 5], p.Steps.Select(s => s.Order));
        Assert.Equal(["Tờ trình", "Báo cáo thành tích"], ProcedureCatalogQuery.Papers(p));
        Assert.Null(await _q.ProcedureAsync(12_345));
    }
}
