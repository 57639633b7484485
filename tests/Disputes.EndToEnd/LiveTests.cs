using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Disputes.EndToEnd;

/// <summary>Two people in two browsers: what one does, the other sees within a second, without reloading.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private static readonly LocatorAssertionsToBeVisibleOptions WithinASecond = new() { Timeout = 1000 };

    [Fact]
    public async Task The_labour_liaisons_board_shows_a_new_incident_and_the_officer_sees_the_acknowledgement_live()
    {
        await using var liaisonBrowser = await fixture.NewDesktopAsync();
        var liaison = await liaisonBrowser.NewPageAsync();
        await Pages.SignInAsync(liaison, "labor.liaison");
        await liaison.GotoAsync("/board");
        await Pages.WaitUntilInteractiveAsync(liaison);

        await using var officerPhone = await fixture.NewPhoneAsync();
        var officer = await officerPhone.NewPageAsync();
        await Pages.SignInAsync(officer, "zp.officer");
        await Pages.OpenLogFormAsync(officer);
        await Pages.PickEnterpriseAsync(officer, "南吉山", "昆山南吉山塑料包装厂");
        await officer.GetByText("欠薪逃匿", new() { Exact = true }).ClickAsync();
        await Expect(officer.GetByTestId("engage-now")).ToBeVisibleAsync();
        await officer.GetByLabel("涉及人数").FillAsync("38");
        await officer.GetByLabel("欠薪金额（元）").FillAsync("42万");
        await officer.GetByTestId("submit").ClickAsync();
        await Expect(officer.GetByTestId("incident-number")).ToBeVisibleAsync();
        var number = (await officer.GetByTestId("incident-number").InnerTextAsync()).Trim();

        var seen = Stopwatch.StartNew();
        await Expect(liaison.GetByText(number)).ToBeVisibleAsync(WithinASecond);
        output.WriteLine($"board updated {seen.ElapsedMilliseconds} ms after the officer saw the logged incident");

        await liaison.GetByText(number).ClickAsync();
        await Expect(liaison.GetByTestId("incident-number")).ToHaveTextAsync(number);
        await Pages.WaitUntilInteractiveAsync(liaison);
        await Expect(officer.GetByTestId("presence")).ToContainTextAsync("李娜 正在查看", WithinASecondText);
        await liaison.GetByTestId("acknowledge").ClickAsync();

        seen.Restart();
        await Expect(officer.Locator("[data-engagement=LaborInspection] [data-testid=acknowledged]")).ToBeVisibleAsync(WithinASecond);
        output.WriteLine($"acknowledgement shown {seen.ElapsedMilliseconds} ms after the liaison's click");
        await officer.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("live-acknowledged-phone.png"), FullPage = true });
    }

    private static readonly LocatorAssertionsToContainTextOptions WithinASecondText = new() { Timeout = 1000 };
}
