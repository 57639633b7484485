using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Disputes.EndToEnd;

/// <summary>
/// Two app instances sharing one database and one local Redis: a change on A appears live on B; with Redis
/// stopped both keep working on their own; when Redis is back, updates cross again.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScaleOutTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Changes_cross_instances_through_redis_and_each_instance_survives_a_redis_outage()
    {
        var shared = Path.Combine(Path.GetTempPath(), "disputes-e2e", "shared-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(shared);
        await using var redis = new RedisServer();
        await redis.StartAsync();
        await using var a = await AppProcess.StartAsync(shared, $"--Redis:Configuration={redis.Configuration}");
        await using var b = await AppProcess.StartAsync(shared, $"--Redis:Configuration={redis.Configuration}");

        await using var officerContext = await fixture.Browser.NewContextAsync(new() { BaseURL = a.BaseAddress.ToString() });
        await using var dutyContext = await fixture.Browser.NewContextAsync(new() { BaseURL = b.BaseAddress.ToString() });
        var officer = await officerContext.NewPageAsync();
        var duty = await dutyContext.NewPageAsync();
        await Pages.SignInAsync(officer, "zp.officer");
        await Pages.SignInAsync(duty, "duty");
        await duty.GotoAsync("/board");
        await Pages.WaitUntilInteractiveAsync(duty);

        // Both instances read one key ring from the database: a session signed in on A is good on B.
        await using var movedContext = await fixture.Browser.NewContextAsync(new() { BaseURL = b.BaseAddress.ToString() });
        await movedContext.AddCookiesAsync((await officerContext.CookiesAsync()).Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));
        var moved = await movedContext.NewPageAsync();
        await moved.GotoAsync("/");
        await Expect(moved.GetByTestId("greeting")).ToContainTextAsync("王海涛");

        var first = await LogAsync(officer, "科家", "昆山科家塑胶有限公司");
        await Expect(duty.GetByText(first)).ToBeVisibleAsync(new() { Timeout = 3000 });

        await redis.StopAsync();
        var duringOutage = await LogAsync(officer, "斌沛", "昆山斌沛电子有限公司");
        await duty.ReloadAsync();
        await Expect(duty.GetByText(duringOutage)).ToBeVisibleAsync();
        await Pages.WaitUntilInteractiveAsync(duty);

        await redis.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(4)); // the multiplexer retries every second
        var afterwards = await LogAsync(officer, "南吉山", "昆山南吉山塑料包装厂");
        await Expect(duty.GetByText(afterwards)).ToBeVisibleAsync(new() { Timeout = 5000 });
    }

    private static async Task<string> LogAsync(IPage officer, string typed, string enterprise)
    {
        await Pages.OpenLogFormAsync(officer);
        await Pages.PickEnterpriseAsync(officer, typed, enterprise);
        await officer.GetByText("拖欠工资", new() { Exact = true }).ClickAsync();
        await officer.GetByLabel("涉及人数").FillAsync("12");
        await officer.GetByTestId("submit").ClickAsync();
        await Expect(officer.GetByTestId("incident-number")).ToBeVisibleAsync();
        return (await officer.GetByTestId("incident-number").InnerTextAsync()).Trim();
    }
}
