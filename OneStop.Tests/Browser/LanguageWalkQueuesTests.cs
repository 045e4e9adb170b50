using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OneStop.Domain.Dossiers;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Browser;

/// <summary>
/// The queue screens, the postal staff boards and the chrome of the printed letters speak one language at a time:
/// /queues/SNV (as the director, as the postal supervisor who sees applicants masked, and with a search that matches
/// nothing, and a department that does not exist), /my as an officer and as postal1, /staff, and each printable of Sở Nội vụ dossiers (receipt, supplement
/// request, refusal, apology) with their "not available" pages. The letters are documents of record: their sheet is
/// Vietnamese in the English UI too and carries lang="vi", which the walk treats as data, like translate="no".
/// Besides the visible text, the walk reads the labels screen readers and tooltips give (aria-label, placeholder,
/// title). Nothing is changed: the seeded center is shared with the other walks.
/// </summary>
[Collection(SeededAppCollection.Name)]
public sealed class LanguageWalkQueuesTests(SeededAppFixture fixture, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static Regex Foreign(string language) => language == "en" ? LanguageWalk.VietnameseLetter() : LanguageWalk.EnglishWord();

    /// <summary>aria-label, placeholder and title of the chrome (not of data or of the Vietnamese sheet).</summary>
    private const string ChromeLabels = @"() => [...document.body.querySelectorAll('[aria-label], [placeholder], [title]')]
        .filter(el => !el.closest('[translate=no], body [lang], #blazor-error-ui, .connection-lost'))
        .flatMap(el => ['aria-label', 'placeholder', 'title'].map(a => el.getAttribute(a)).filter(v => v && v.trim()))";

    private static async Task<List<string>> ForeignHereAsync(IPage page, string where, string language)
    {
        var texts = await LanguageWalk.VisibleTextsAsync(page);
        var labels = await page.EvaluateAsync<string[]>(ChromeLabels);
        return texts.Where(t => Foreign(language).IsMatch(t)).Select(t => $"{where}: «{t}»")
            .Concat(labels.Where(t => Foreign(language).IsMatch(t)).Select(t => $"{where} (label): «{t}»")).ToList();
    }

    /// <summary>Opens each path (waiting for its circuit unless static) and collects what is in the other language.</summary>
    private static async Task<List<string>> WalkAsync(IPage page, IEnumerable<string> paths, string language, bool interactive = true)
    {
        var found = new List<string>();
        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            if (interactive) await BrowserFixture.WaitLiveAsync(page);
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
            found.AddRange(await ForeignHereAsync(page, path, language));
        }
        return found;
    }

    private async Task<IPage> SignInAsync(string user, string language)
    {
        var page = await browser.SignedInPageAsync(fixture.App.BaseAddress, user, "/my");
        if (language == "en") await page.GotoAsync("/culture/en?redirect=/my");
        return page;
    }

    /// <summary>The latest Sở Nội vụ dossier that had an event of <paramref name="type"/>.</summary>
    private async Task<string> SnvDossierWithAsync(DossierEventType type)
    {
        await using var db = fixture.App.CreateDb();
        var snv = await db.Departments.Where(d => d.Code == "SNV").Select(d => d.Id).SingleAsync();
        var dossierId = await db.DossierEvents.Where(e => e.Type == type && e.DepartmentId == snv)
            .OrderByDescending(e => e.Id).Select(e => e.DossierId).FirstAsync();
        return await db.Dossiers.Where(d => d.Id == dossierId).Select(d => d.Code).SingleAsync();
    }

    /// <summary>A Sở Nội vụ dossier that never had an event of <paramref name="type"/> (its printable says so).</summary>
    private async Task<string> SnvDossierWithoutAsync(DossierEventType type)
    {
        await using var db = fixture.App.CreateDb();
        return await db.Dossiers.Where(d => d.Department!.Code == "SNV" && !db.DossierEvents.Any(e => e.DossierId == d.Id && e.Type == type))
            .OrderBy(d => d.Id).Select(d => d.Code).FirstAsync();
    }

    private async Task<string[]> PrintablesAsync() =>
    [
        $"/dossiers/{await SnvDossierWithAsync(DossierEventType.Received)}/receipt",
        $"/dossiers/{await SnvDossierWithAsync(DossierEventType.SupplementRequested)}/supplement-request",
        $"/dossiers/{await SnvDossierWithAsync(DossierEventType.Refused)}/refusal",
        $"/dossiers/{await SnvDossierWithAsync(DossierEventType.ApologyIssued)}/apology",
        $"/dossiers/{await SnvDossierWithoutAsync(DossierEventType.Refused)}/refusal",
        $"/dossiers/{await SnvDossierWithoutAsync(DossierEventType.ApologyIssued)}/apology",
        $"/dossiers/{await SnvDossierWithoutAsync(DossierEventType.SupplementRequested)}/supplement-request",
        "/dossiers/SNV-000000-9999/receipt",
    ];

    [Theory]
    [InlineData("en")]
    [InlineData("vi")]
    public async Task The_director_sees_the_queue_the_staff_boards_and_the_print_chrome_in_one_language(string language)
    {
        var page = await SignInAsync("director", language);
        var found = await WalkAsync(page, ["/queues/SNV", "/staff", "/queues/KHONG-CO"], language);

        // A search that matches nothing: the filters' empty state.
        await page.GotoAsync("/queues/SNV");
        await BrowserFixture.WaitLiveAsync(page);
        await page.GetByTestId("queue-search").FillAsync("ZZZ-khong-co");
        await Assertions.Expect(page.GetByTestId("queue-empty")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("queue-empty")).ToHaveTextAsync(language == "en" ? "No dossier matches the filters." : "Không có hồ sơ nào khớp bộ lọc.");
        found.AddRange(await ForeignHereAsync(page, "/queues/SNV (nothing matches)", language));

        found.AddRange(await WalkAsync(page, await PrintablesAsync(), language, interactive: false));
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Theory]
    [InlineData("supervisor", "en")]   // applicants masked on the queue
    [InlineData("supervisor", "vi")]
    [InlineData("officer1", "en")]
    [InlineData("officer1", "vi")]
    [InlineData("postal1", "en")]
    [InlineData("postal1", "vi")]
    public async Task Each_role_sees_its_queues_in_one_language(string user, string language)
    {
        var paths = user switch
        {
            "supervisor" => new[] { "/queues/SNV", "/staff" },
            "officer1" => ["/my", "/queues/SNV"],
            _ => ["/my", "/staff", "/queues/SNV"],
        };
        var page = await SignInAsync(user, language);
        var found = await WalkAsync(page, paths, language);
        if (user == "supervisor")
        {
            await page.GotoAsync("/queues/SNV");
            await Assertions.Expect(page.GetByTestId("applicants-masked")).ToBeVisibleAsync();
        }
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public async Task The_walk_sees_the_queue_chrome_and_leaves_only_the_Vietnamese_letter_out()
    {
        // A walk that reads nothing would pass: the Vietnamese queue and staff boards are full of Vietnamese letters.
        var page = await SignInAsync("director", "vi");
        await page.GotoAsync("/queues/SNV");
        await BrowserFixture.WaitLiveAsync(page);
        Assert.Contains(await LanguageWalk.VisibleTextsAsync(page), t => t == "Tình trạng hạn");
        await page.GotoAsync("/staff");
        await BrowserFixture.WaitLiveAsync(page);
        Assert.Contains(await LanguageWalk.VisibleTextsAsync(page), t => t == "Chờ người dân bổ sung");

        // In English the letter stays Vietnamese, marked lang="vi": the walk skips it because of that mark, and reads
        // the toolbar around it.
        await page.GotoAsync("/culture/en?redirect=/my");
        foreach (var (path, sheet) in new[]
                 {
                     ($"/dossiers/{await SnvDossierWithAsync(DossierEventType.Received)}/receipt", "receipt"),
                     ($"/dossiers/{await SnvDossierWithAsync(DossierEventType.Refused)}/refusal", "refusal"),
                 })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            var letter = page.GetByTestId(sheet);
            await Assertions.Expect(letter).ToHaveAttributeAsync("lang", "vi");
            await Assertions.Expect(letter).ToContainTextAsync("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
            var texts = await LanguageWalk.VisibleTextsAsync(page);
            Assert.DoesNotContain(texts, t => t.Contains("CỘNG HÒA", StringComparison.Ordinal));
            Assert.Contains(texts, t => t == (sheet == "receipt" ? "Print the receipt" : "Print"));
            Assert.Contains(texts, t => t.StartsWith("A4 portrait.", StringComparison.Ordinal));
        }
    }
}
