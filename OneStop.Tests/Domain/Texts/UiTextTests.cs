using System.Globalization;
using OneStop.Domain;

namespace OneStop.Tests.Domain.Texts;

public sealed class UiTextTests
{
    [Theory]
    [InlineData("en-US", "required.")]
    [InlineData("en", "required.")]
    [InlineData("vi-VN", "bắt buộc.")]
    [InlineData("fr-FR", "bắt buộc.")]          // any other language falls back to the center's own
    [InlineData("", "bắt buộc.")]               // the invariant culture: a background job, the API
    public void Says_the_text_of_the_current_ui_culture(string culture, string expected)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            Assert.Equal(expected, UiText.Say("bắt buộc.", "required."));
        }
        finally { CultureInfo.CurrentUICulture = before; }
    }
}
