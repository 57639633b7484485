using System.Globalization;
using Bunit;
using Disputes.Web.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Disputes.Web.Tests.Components;

/// <summary>MudBlazor's own texts (here the pager's buttons, which a screen reader speaks) follow the page's language.</summary>
public sealed class MudBlazorTextTests : MudBlazorContext
{
    public MudBlazorTextTests()
    {
        Services.AddTransient<MudLocalizer, ResxMudLocalizer>();
    }

    [Theory]
    [InlineData("zh-CN", new[] { "第一页", "上一页", "下一页", "最后一页" })]
    [InlineData("en", new[] { "First page", "Previous page", "Next page", "Last page" })]
    public void The_pager_buttons_are_named_in_the_pages_language(string culture, string[] expected)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);

        var table = Render<MudTable<int>>(p => p
            .Add(t => t.Items, Enumerable.Range(1, 45))
            .Add(t => t.RowsPerPage, 20)
            .Add(t => t.RowTemplate, (int row) => builder => builder.AddContent(0, row))
            .Add(t => t.PagerContent, builder =>
            {
                builder.OpenComponent<MudTablePager>(0);
                builder.AddAttribute(1, nameof(MudTablePager.HideRowsPerPage), true);
                builder.CloseComponent();
            }));

        var labels = table.FindAll(".mud-table-pagination-actions button").Select(b => b.GetAttribute("aria-label")).ToList();
        Assert.Equal(expected, labels);
    }

    [Fact]
    public void A_text_the_app_does_not_translate_falls_back_to_mudblazors_english()
    {
        var localizer = Services.GetRequiredService<MudLocalizer>();

        Assert.Equal("关闭", localizer["MudDialog_Close"].Value);
        Assert.True(localizer["MudColorPicker_HueSlider"].ResourceNotFound);
    }
}
