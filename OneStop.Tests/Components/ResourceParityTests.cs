using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace OneStop.Tests.Components;

/// <summary>
/// Every text file of the UI has its English twin with the same keys, nothing empty, and no Vietnamese letter in the
/// English. The files are found by glob under OneStop.Web/Resources, so each helper's new resources are covered.
/// MudTexts.resx is the exception by design: it is the Vietnamese side of MudBlazor's own strings, whose English side
/// is MudBlazor's built-in LanguageResource; there each key must be one MudBlazor knows, so a typo cannot hide.
/// </summary>
public sealed partial class ResourceParityTests
{
    [GeneratedRegex(@"[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")]
    private static partial Regex VietnameseLetter();

    private const string MudTexts = "MudTexts.resx";

    /// <summary>A language named in itself on the switcher ("Tiếng Việt" in both UIs, with its own lang attribute).</summary>
    private static readonly HashSet<string> Endonyms = ["LanguageVi"];

    private static string ResourcesDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "OneStop.Web", "Resources");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("OneStop.Web/Resources not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The neutral (Vietnamese) files, relative to Resources: every *.resx without a culture suffix.</summary>
    private static List<string> NeutralFileList()
    {
        var root = ResourcesDirectory();
        return Directory.EnumerateFiles(root, "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".en.resx", StringComparison.Ordinal) && Path.GetFileName(f) != MudTexts)
            .Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal).ToList();
    }

    public static TheoryData<string> NeutralFiles() => new(NeutralFileList());

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [Theory]
    [MemberData(nameof(NeutralFiles))]
    public void Each_Vietnamese_text_file_has_an_English_twin_with_the_same_keys_and_no_Vietnamese(string relative)
    {
        var vi = Read(Path.Combine(ResourcesDirectory(), relative));
        var enPath = Path.Combine(ResourcesDirectory(), relative[..^".resx".Length] + ".en.resx");
        Assert.True(File.Exists(enPath), $"{relative} has no English twin {Path.GetFileName(enPath)}");
        var en = Read(enPath);

        Assert.NotEmpty(vi);
        Assert.Equal(vi.Keys.Order(StringComparer.Ordinal), en.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(vi.Where(p => string.IsNullOrWhiteSpace(p.Value)).Select(p => $"vi {p.Key}"));
        Assert.Empty(en.Where(p => string.IsNullOrWhiteSpace(p.Value)).Select(p => $"en {p.Key}"));
        Assert.Empty(en.Where(p => VietnameseLetter().IsMatch(p.Value) && !Endonyms.Contains(p.Key)).Select(p => $"{p.Key}: {p.Value}"));
        // The same {0} {1} placeholders on both sides, or string.Format would throw or drop a value in one language.
        Assert.Empty(vi.Where(p => !Placeholders(p.Value).SetEquals(Placeholders(en[p.Key]))).Select(p => p.Key));
    }

    private static HashSet<string> Placeholders(string text) => PlaceholderPattern().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();

    [Fact]
    public void The_glob_finds_this_features_files_and_the_shared_ones()
    {
        // Without this the theory above could pass by finding nothing.
        var files = NeutralFileList();
        Assert.Contains("SharedResource.resx", files);
        Assert.Contains(Path.Combine("Components", "Pages", "Settings", "SettingsResource.resx"), files);
    }

    [Fact]
    public void MudTexts_translates_only_keys_MudBlazor_has_and_leaves_none_empty()
    {
        var vi = Read(Path.Combine(ResourcesDirectory(), MudTexts));
        var builtIn = new ResourceManager("MudBlazor.Resources.LanguageResource", typeof(MudLocalizer).Assembly)
            .GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();

        Assert.NotEmpty(vi);
        Assert.Empty(vi.Keys.Where(k => !builtIn.Contains(k)));
        Assert.Empty(vi.Where(p => string.IsNullOrWhiteSpace(p.Value)).Select(p => p.Key));
        Assert.False(File.Exists(Path.Combine(ResourcesDirectory(), "MudTexts.en.resx")), "English comes from MudBlazor itself");
    }

    /// <summary>The marker classes resolve to their files in both languages (the path follows the namespace).</summary>
    [Theory]
    [InlineData(typeof(OneStop.Web.Components.Pages.Settings.SettingsResource), "PageTitle", "Cài đặt", "Settings")]
    [InlineData(typeof(OneStop.Web.Components.Pages.Staffing.StaffingResource), "PageTitle", "Điều phối nhân sự", "Staff planning")]
    [InlineData(typeof(OneStop.Web.Components.Pages.Reports.ReportsResource), "PageTitle", "Báo cáo tháng", "Monthly report")]
    [InlineData(typeof(OneStop.Web.Components.Pages.Jobs.JobsResource), "PageTitle", "Tác vụ nền", "Background jobs")]
    [InlineData(typeof(OneStop.Web.Components.Pages.Notifications.NotificationsResource), "PageTitle", "Thông báo", "Notifications")]
    [InlineData(typeof(OneStop.Web.Components.Pages.Account.AccountResource), "SignInTitle", "Đăng nhập", "Sign-in")]
    [InlineData(typeof(OneStop.Web.Components.Pages.Ingestion.IngestionResource), "KeysTitle", "Khóa API", "API keys")]
    [InlineData(typeof(OneStop.Web.Components.Pages.Dossiers.DossierResource), "ActionsTitle", "Thao tác", "What you can do")]
    [InlineData(typeof(OneStop.Web.Components.Pages.Intake.IntakeResource), "PageTitle", "Tiếp nhận hồ sơ", "Receive a dossier")]
    [InlineData(typeof(OneStop.Web.Components.Pages.Queues.QueuesResource), "FilterRisk", "Tình trạng hạn", "Deadline")]
    [InlineData(typeof(OneStop.Web.Components.Pages.Staff.StaffResource), "PageTitle", "Nhân viên bưu điện", "Postal staff")]
    [InlineData(typeof(OneStop.Web.Components.Pages.Print.PrintResource), "Print", "In phiếu", "Print")]
    public void A_feature_marker_reads_its_texts_in_Vietnamese_and_in_English(Type marker, string key, string vietnamese, string english)
    {
        var services = new ServiceCollection().AddLogging().AddLocalization(o => o.ResourcesPath = "Resources").BuildServiceProvider();
        var localizer = services.GetRequiredService<IStringLocalizerFactory>().Create(marker);
        Assert.Equal(vietnamese, In("vi-VN", () => localizer[key]));
        Assert.Equal(english, In("en-US", () => localizer[key]));
    }

    private static string In(string culture, Func<LocalizedString> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var text = read();
            Assert.False(text.ResourceNotFound, $"{text.Name} not found in {culture}");
            return text.Value;
        }
        finally { CultureInfo.CurrentUICulture = before; }
    }
}
