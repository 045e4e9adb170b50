using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Staffing;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Integration;

/// <summary>
/// The intake page and the printable receipt on the real host (Kestrel, cookie sign-in, real SQLite file),
/// with a small catalogue of our own; the app's clock says Wednesday 18/11/2026 09:00 in Vietnam.
/// </summary>
public sealed class IntakeTests(IntakeTests.IntakeApp fixture) : IClassFixture<IntakeTests.IntakeApp>
{
    public const int Snv = 1, Stp = 2, ProcedureId = 10, PostProcedureId = 11, Postal1 = 100, Director = 400;
    public const string Password = "counter-test";

    /// <summary>The app without demo data, plus one department, two procedures and two people.</summary>
    public sealed class IntakeApp : IAsyncLifetime
    {
        public OneStopApp App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            App = new OneStopApp(demo: false);
            await using var db = App.CreateDb();
            db.Departments.AddRange(
                new Department { Id = Snv, Code = "SNV", Name = "Sở Nội vụ", PostalCovered = true },
                new Department { Id = Stp, Code = "STP", Name = "Sở Tư pháp", PostalCovered = true });
            db.Fields.AddRange(
                new Field { Id = 1, DepartmentId = Snv, Code = "TDKT", Name = "Thi đua, khen thưởng" },
                new Field { Id = 2, DepartmentId = Stp, Code = "HT", Name = "Hộ tịch" });
            db.Procedures.Add(new Procedure
            {
                Id = ProcedureId, Code = "SNV-01", Name = "Tặng Bằng khen của Chủ tịch UBND tỉnh", DepartmentId = Snv, FieldId = 1,
                StatutoryAmount = 5, StatutoryUnit = TimeUnit.WorkingDays,
                RequiredPapers = "Tờ trình đề nghị khen thưởng\nBáo cáo thành tích\nBiên bản họp Hội đồng thi đua",
                Steps = Steps(),
            });
            db.Procedures.Add(new Procedure
            {
                Id = PostProcedureId, Code = "STP-01", Name = "Cấp Phiếu lý lịch tư pháp", DepartmentId = Stp, FieldId = 2,
                StatutoryAmount = 10, StatutoryUnit = TimeUnit.WorkingDays, RequiredPapers = "Tờ khai\nBản chụp CCCD",
                Steps = Steps(),
            });
            var postal = new Staff { Id = Postal1, UserName = "postal1", FullName = "Nguyễn Thị Hoa", Role = StaffRole.PostalStaff };
            var director = new Staff { Id = Director, UserName = "director", FullName = "Đặng Quốc Bảo", Role = StaffRole.Director };
            postal.PasswordHash = StaffAuthenticator.Hash(postal, Password);
            director.PasswordHash = StaffAuthenticator.Hash(director, Password);
            db.Staff.AddRange(postal, director);
            db.StaffCoverage.AddRange(new StaffCoverage { StaffId = Postal1, DepartmentId = Snv }, new StaffCoverage { StaffId = Postal1, DepartmentId = Stp });
            await db.SaveChangesAsync();
        }

        private static List<ProcedureStep> Steps() =>
        [
            new() { Order = 1, Name = "Tiếp nhận, số hóa", Kind = StepKind.Reception, Role = StaffRole.PostalStaff, Share = 0.1 },
            new() { Order = 2, Name = "Thẩm định", Kind = StepKind.Processing, Role = StaffRole.DepartmentOfficer, Share = 0.6 },
            new() { Order = 3, Name = "Lãnh đạo duyệt", Kind = StepKind.Approval, Role = StaffRole.DepartmentLeader, Share = 0.2 },
            new() { Order = 4, Name = "Trả kết quả", Kind = StepKind.Return, Role = StaffRole.PostalStaff, Share = 0.1 },
        ];

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private OneStopApp App => fixture.App;

    private static readonly HtmlParser Parser = new();

    /// <summary>An HTTP client signed in through the real sign-in form (antiforgery token and all).</summary>
    private async Task<HttpClient> SignedInAsync(string userName)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var http = new HttpClient(handler) { BaseAddress = App.BaseAddress };
        var page = Parser.ParseDocument(await http.GetStringAsync("/signin"));
        var form = page.QuerySelector("form[method=post]")!;
        var fields = form.QuerySelectorAll("input[type=hidden]")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["Input.UserName"] = userName;
        fields["Input.Password"] = Password;
        var response = await http.PostAsync("/signin", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(handler.CookieContainer.GetCookies(App.BaseAddress), c => c.Name == "onestop.auth");
        return http;
    }

    private async Task<Dossier> ReceiveAsync(IntakeRequest request) =>
        await App.Services.GetRequiredService<DossierWorkflow>().ReceiveAsync(request, Postal1);

    private static IntakeRequest Request(int procedureId, ResultDelivery delivery = ResultDelivery.Counter) => new()
    {
        ProcedureId = procedureId,
        Channel = Channel.Counter,
        ResultDelivery = delivery,
        ApplicantName = "Trần Thị Bích Ngọc",
        ApplicantPhone = "0905 123 456",
        ApplicantIdNumber = "045190004321",
        ApplicantAddress = "25 Hùng Vương, Đông Hà, Quảng Trị",
        ResultPostalAddress = delivery == ResultDelivery.Post ? "Hộp thư 12, Bưu điện Đông Hà" : null,
        PapersReceived = "Tờ trình đề nghị khen thưởng\nBáo cáo thành tích",
    };

    private static string Text(AngleSharp.Dom.IDocument doc, string testId) =>
        doc.QuerySelector($"[data-testid={testId}]")?.TextContent.Trim() ?? throw new Xunit.Sdk.XunitException($"no [data-testid={testId}]");

    [Fact]
    public async Task The_receipt_shows_the_code_the_appointment_and_what_was_received_as_a_printable_A4_page()
    {
        var dossier = await ReceiveAsync(Request(ProcedureId));
        using var http = await SignedInAsync("postal1");

        var response = await http.GetAsync($"/dossiers/{dossier.Code}/receipt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var doc = Parser.ParseDocument(html);

        Assert.StartsWith("SNV-261118-", dossier.Code);
        Assert.Equal(dossier.Code, Text(doc, "receipt-code"));
        // Received Wednesday 18/11/2026 09:00 + 5 working days = Wednesday 25/11/2026 09:00.
        Assert.Equal("Thứ Tư, 25/11/2026 09:00", Text(doc, "receipt-appointment"));
        Assert.Equal("Thứ Tư, 18/11/2026 09:00", Text(doc, "receipt-received"));
        Assert.Contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", html);
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", html);
        Assert.Contains("Độc lập - Tự do - Hạnh phúc", html);
        Assert.Equal("Trung tâm Phục vụ hành chính công tỉnh Quảng Trị", Text(doc, "receipt-center"));
        Assert.Equal("Trần Thị Bích Ngọc", Text(doc, "receipt-applicant"));
        Assert.Equal("0905123456", Text(doc, "receipt-phone"));
        Assert.Equal("SNV-01 · Tặng Bằng khen của Chủ tịch UBND tỉnh", Text(doc, "receipt-procedure"));
        Assert.Equal("Sở Nội vụ", Text(doc, "receipt-department"));
        Assert.Equal("Trực tiếp", Text(doc, "receipt-channel"));
        Assert.Equal(["Tờ trình đề nghị khen thưởng", "Báo cáo thành tích"],
            doc.QuerySelectorAll("[data-testid=receipt-papers] > li").Select(li => li.TextContent.Trim()));
        Assert.StartsWith("Tại quầy", Text(doc, "receipt-delivery"));
        Assert.Null(doc.QuerySelector("[data-testid=receipt-postal-address]"));
        Assert.Equal("Nguyễn Thị Hoa", Text(doc, "receipt-staff"));

        // A plain page (no Blazor circuit) with the print button and the A4 stylesheet.
        Assert.Equal("window.print()", doc.QuerySelector("[data-testid=print-button]")!.GetAttribute("onclick"));
        Assert.NotNull(doc.QuerySelector("link[href='print.css']"));
        Assert.DoesNotContain("<!--Blazor:{", html);
        var css = await App.Http.GetStringAsync("/print.css");
        Assert.Contains("size: A4 portrait", css);
    }

    [Fact]
    public async Task A_result_sent_by_post_shows_the_postal_address()
    {
        var dossier = await ReceiveAsync(Request(PostProcedureId, ResultDelivery.Post) with { PapersReceived = null });
        using var http = await SignedInAsync("director"); // any staff member may print it again
        var doc = Parser.ParseDocument(await http.GetStringAsync($"/dossiers/{dossier.Code}/receipt"));

        Assert.Equal("Qua bưu chính", Text(doc, "receipt-delivery"));
        Assert.Equal("Hộp thư 12, Bưu điện Đông Hà", Text(doc, "receipt-postal-address"));
        // Wednesday 18/11 09:00 + 10 working days = Wednesday 02/12/2026 09:00.
        Assert.Equal("Thứ Tư, 02/12/2026 09:00", Text(doc, "receipt-appointment"));
        // No papers ticked: the receipt claims none rather than the procedure's whole list.
        Assert.Empty(doc.QuerySelectorAll("[data-testid=receipt-papers] > li"));
        Assert.Equal("(không có giấy tờ kèm theo)", Text(doc, "receipt-no-papers"));
    }

    [Fact]
    public async Task An_unknown_code_answers_404_with_a_message()
    {
        using var http = await SignedInAsync("postal1");
        var response = await http.GetAsync("/dossiers/SNV-000000-9999/receipt");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var doc = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains("SNV-000000-9999", Text(doc, "receipt-not-found"));
        Assert.Null(doc.QuerySelector("[data-testid=receipt-code]"));
    }

    [Theory]
    [InlineData("/dossiers/SNV-261118-0001/receipt")]
    [InlineData("/intake")]
    public async Task Without_signing_in_the_pages_redirect_to_sign_in(string path)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = App.BaseAddress };
        var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        var target = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        Assert.StartsWith("/signin", target);
        Assert.Contains(Uri.EscapeDataString(path), target, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("receipt-code", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_intake_page_offers_the_departments_the_postal_staff_member_covers()
    {
        using var http = await SignedInAsync("postal1");
        var response = await http.GetAsync("/intake");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal(["Sở Nội vụ", "Sở Tư pháp"], doc.QuerySelectorAll("[data-testid=department-select] option").Select(o => o.TextContent.Trim()));
        Assert.True(doc.QuerySelector("#procedure-search")!.HasAttribute("autofocus"));
        Assert.NotNull(doc.QuerySelector("label[for=procedure-search]"));
        Assert.Contains("SNV-01", Text(doc, "procedure-results"));
    }

    [Fact]
    public async Task A_director_may_not_receive_dossiers()
    {
        using var http = await SignedInAsync("director");
        var response = await http.GetAsync("/intake");
        // The cookie handler answers a signed-in user without the role by sending them away (access denied).
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.DoesNotContain("/signin", location);
        Assert.StartsWith("/denied", new Uri(fixture.App.BaseAddress, location).AbsolutePath);
        Assert.DoesNotContain("intake-form", await response.Content.ReadAsStringAsync());
    }
}
