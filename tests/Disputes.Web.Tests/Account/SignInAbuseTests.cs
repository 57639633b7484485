using System.Net;
using System.Net.Http.Json;
using Disputes.Data;
using Disputes.Web.Features.Account;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Tests.Account;

/// <summary>
/// The app on real Kestrel sockets with low limits, and clients leaving from different loopback addresses
/// (127.0.0.2, .3, …): what a stranger can and cannot do to someone else's sign-in. Each test has its own addresses
/// and accounts, so the shared limiter's minute does not carry from one test into the next.
/// </summary>
public sealed class SignInAbuseTests(SignInAbuseTests.KestrelApp server) : IClassFixture<SignInAbuseTests.KestrelApp>
{
    private const int PerAddress = 20;
    private const int PerAccount = 8;
    private const int BlockAfter = 5;

    public sealed class KestrelApp : IDisposable
    {
        public KestrelApp() => Address = App.StartOnKestrel();

        public DisputesAppFactory App { get; } = new()
        {
            Settings = new Dictionary<string, string>
            {
                ["SignIn:RateLimit:PerAddressPerMinute"] = $"{PerAddress}",
                ["SignIn:RateLimit:PerAccountPerMinute"] = $"{PerAccount}",
                ["SignIn:Block:Failures"] = $"{BlockAfter}",
            },
        };

        public Uri Address { get; }

        public HttpClient From(string localAddress) => DisputesAppFactory.CreateClientFrom(Address, localAddress);

        public void Dispose() => App.Dispose();
    }

    [Fact]
    public async Task Wrong_passwords_from_one_address_leave_the_account_open_from_another()
    {
        var stranger = server.From("127.0.0.2");
        for (var attempt = 1; attempt <= BlockAfter; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignIn.PostAsync(stranger, "zp.officer", "guess-" + attempt)).StatusCode);
        }

        var owner = server.From("127.0.0.3");
        var fromStranger = await SignIn.PostAsync(stranger, "zp.officer", SignIn.DemoPassword);
        var fromOwner = await SignIn.PostAsync(owner, "zp.officer", SignIn.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, fromStranger.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, fromOwner.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignIn.PostAsync(stranger, "zp.officer", SignIn.DemoPassword)).StatusCode);
        var lockout = await server.App.WithDbAsync(db => db.SecurityEvents.SingleAsync(e => e.UserName == "zp.officer" && e.Type == SecurityEventType.Lockout));
        Assert.Equal("127.0.0.2", lockout.ClientAddress);
        var signIn = await server.App.WithDbAsync(db => db.SecurityEvents.SingleAsync(e => e.UserName == "zp.officer" && e.Type == SecurityEventType.SignIn));
        Assert.Equal("127.0.0.3", signIn.ClientAddress);
    }

    [Fact]
    public async Task Wrong_passwords_for_a_token_do_not_lock_the_duty_officer_out()
    {
        var stranger = server.From("127.0.0.4");
        for (var attempt = 1; attempt <= BlockAfter; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Token(stranger, "duty", "guess-" + attempt)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await Token(stranger, "duty", SignIn.DemoPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Token(server.From("127.0.0.5"), "duty", SignIn.DemoPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostAsync(server.From("127.0.0.5"), "duty", SignIn.DemoPassword)).StatusCode);
    }

    [Fact]
    public async Task The_token_endpoint_answers_429_past_the_limit_for_one_account_from_any_address()
    {
        for (var attempt = 0; attempt < PerAccount; attempt++)
        {
            var client = server.From(attempt % 2 == 0 ? "127.0.0.6" : "127.0.0.7");
            Assert.Equal(HttpStatusCode.Unauthorized, (await Token(client, "ys.officer", "guess-" + attempt)).StatusCode);
        }

        var fresh = server.From("127.0.0.8");
        var throttled = await Token(fresh, "ys.officer", SignIn.DemoPassword);

        AssertThrottled(throttled);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Token(fresh, "ys.chair", "guess")).StatusCode);
        await AssertThrottleRecordedAsync("ys.officer", SecurityEventResult.AccountRateLimit, "127.0.0.8", SignInChannel.Token);
    }

    [Fact]
    public async Task The_token_endpoint_answers_429_past_the_limit_for_one_address_whatever_the_names()
    {
        var busy = server.From("127.0.0.9");
        for (var attempt = 0; attempt < PerAddress; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Token(busy, $"address.token.{attempt}", "guess")).StatusCode);
        }

        AssertThrottled(await Token(busy, "labor.liaison", SignIn.DemoPassword));
        Assert.Equal(HttpStatusCode.OK, (await Token(server.From("127.0.0.10"), "labor.liaison", SignIn.DemoPassword)).StatusCode);
        await AssertThrottleRecordedAsync("labor.liaison", SecurityEventResult.AddressRateLimit, "127.0.0.9", SignInChannel.Token);
    }

    [Fact]
    public async Task The_sign_in_form_says_in_chinese_when_one_account_is_tried_too_often()
    {
        for (var attempt = 0; attempt < PerAccount; attempt++)
        {
            var client = server.From(attempt % 2 == 0 ? "127.0.0.11" : "127.0.0.12");
            Assert.Equal(HttpStatusCode.OK, (await SignIn.PostAsync(client, "zp.chair", "guess-" + attempt)).StatusCode);
        }

        var throttled = await SignIn.PostAsync(server.From("127.0.0.13"), "zp.chair", SignIn.DemoPassword);

        AssertThrottled(throttled);
        Assert.Contains("尝试过于频繁，请稍后再试", WebUtility.HtmlDecode(await throttled.Content.ReadAsStringAsync()));
        await AssertThrottleRecordedAsync("zp.chair", SecurityEventResult.AccountRateLimit, "127.0.0.13", SignInChannel.Form);
    }

    [Fact]
    public async Task The_sign_in_form_says_in_chinese_when_one_address_tries_too_often()
    {
        var busy = server.From("127.0.0.14");
        for (var attempt = 0; attempt < PerAddress; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignIn.PostAsync(busy, $"address.form.{attempt}", "guess")).StatusCode);
        }

        var throttled = await SignIn.PostAsync(busy, "zp.justice", SignIn.DemoPassword);

        AssertThrottled(throttled);
        Assert.Contains("尝试过于频繁，请稍后再试", WebUtility.HtmlDecode(await throttled.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostAsync(server.From("127.0.0.15"), "zp.justice", SignIn.DemoPassword)).StatusCode);
        await AssertThrottleRecordedAsync("zp.justice", SecurityEventResult.AddressRateLimit, "127.0.0.14", SignInChannel.Form);
    }

    private static Task<HttpResponseMessage> Token(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync(AccountHostingExtensions.TokenPath, new { userName, password });

    private static void AssertThrottled(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    private async Task AssertThrottleRecordedAsync(string userName, SecurityEventResult limit, string address, SignInChannel channel)
    {
        var recorded = await server.App.WithDbAsync(db => db.SecurityEvents.SingleAsync(e => e.UserName == userName && e.Type == SecurityEventType.Throttled));
        Assert.Equal((limit, address, channel), (recorded.Result, recorded.ClientAddress, recorded.Channel));
    }
}
