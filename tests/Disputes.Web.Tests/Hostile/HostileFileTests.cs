using System.Net;
using System.Text;
using Disputes.Domain;
using Disputes.Domain.Workers;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Roster;
using Disputes.Web.Tests.Files;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Hostile;

/// <summary>
/// Files that are not what they say: attachments whose content does not match their name (an .exe renamed .jpg, HTML
/// in a .pdf, a script in a .png) and names built to mislead, roster files that are not rosters, and roster lines with
/// impossible ID numbers, amounts, names and phones. Crafted workbooks (zip bombs in .xlsx, declared dimensions, shared
/// strings that unpack a thousandfold) and CSV cut short inside quotes are <see cref="RosterHostileFileTests"/>'s and
/// are not repeated here.
/// </summary>
public sealed class HostileFileTests(HostileCity city) : IClassFixture<HostileCity>
{
    private static readonly byte[] Exe = [.. "MZ"u8, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, .. "This program cannot be run in DOS mode."u8];
    private static readonly byte[] Elf = [0x7F, .. "ELF"u8, 0x02, 0x01, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>Uploads that are refused by their content, with the code the page shows.</summary>
    private static readonly Dictionary<string, (string Name, byte[] Content, string Code)> Refused = new()
    {
        ["exe-renamed-jpg"] = ("现场照片.jpg", Exe, "file.type-not-allowed"),
        ["elf-renamed-pdf"] = ("报告.pdf", Elf, "file.type-not-allowed"),
        ["html-in-a-pdf"] = ("报告.pdf", Encoding.UTF8.GetBytes("<html><body><script>alert(1)</script></body></html>"), "file.type-not-allowed"),
        ["html-with-a-bom-in-a-pdf"] = ("报告.pdf", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("<!DOCTYPE html><img src=x onerror=alert(1)>")], "file.type-not-allowed"),
        ["svg-script-in-a-png"] = ("照片.png", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"), "file.type-not-allowed"),
        ["php-in-a-jpg"] = ("照片.jpg", Encoding.UTF8.GetBytes("<?php system($_GET['c']); ?>"), "file.type-not-allowed"),
        ["shell-script-in-a-jpg"] = ("照片.jpg", Encoding.UTF8.GetBytes("#!/bin/sh\nrm -rf /\n"), "file.type-not-allowed"),
        ["installer-renamed-doc"] = ("通知.doc", SampleFiles.Msi, "file.type-not-allowed"),
        ["a-plain-zip-renamed-xlsx"] = ("花名册.xlsx", SampleFiles.PlainZip, "file.type-not-allowed"),
        ["jpeg-named-pdf"] = ("报告.pdf", SampleFiles.Jpeg, "file.extension-mismatch"),
        ["pdf-named-jpg"] = ("照片.jpg", SampleFiles.Pdf, "file.extension-mismatch"),
        ["docx-named-pdf"] = ("报告.pdf", SampleFiles.Docx, "file.extension-mismatch"),
        ["empty"] = ("照片.jpg", [], "file.empty"),
        ["only-nul-bytes"] = ("照片.jpg", new byte[4096], "file.type-not-allowed"),
        ["jpeg-named-exe-behind-a-right-to-left-override"] = ("photo\u202egpj.exe", SampleFiles.Jpeg, "file.extension-mismatch"),
    };

    /// <summary>Sound photos under names meant to mislead: stored under a clean name, shown as text. By name, as xUnit would mangle a lone surrogate.</summary>
    private static readonly Dictionary<string, string> Misleading = new()
    {
        ["markup"] = "<img src=x onerror=alert(1)>.jpg", ["path-traversal"] = "../../etc/passwd.jpg", ["windows-path"] = "..\\..\\windows\\system32\\照片.jpg",
        ["right-to-left-override"] = "photo\u202eexe.jpg", ["no-extension"] = "照片", ["nul"] = "照片\0.exe.jpg", ["isolates"] = "\u2066照片\u2069.jpg",
        ["lone-surrogate"] = "照片\ud800.jpg", ["reserved-on-windows"] = "CON.jpg", ["10000-characters"] = new string('长', 10_000) + ".jpg",
        ["blank-stem"] = "   .jpg", ["sql"] = "'; DROP TABLE Attachments;--.jpg",
    };

    public static TheoryData<string> MisleadingNames() => [.. Misleading.Keys];

    public static TheoryData<string> RefusedCases() => [.. Refused.Keys];

    [Theory]
    [MemberData(nameof(RefusedCases))]
    public async Task A_file_that_is_not_what_its_name_says_is_refused_with_a_message_and_nothing_is_attached(string name)
    {
        var (fileName, content, code) = Refused[name];
        var before = await Outcome.SnapshotAsync(city.App, city.Number);

        var error = await Uploads.AttachAsync(await Actors.ForAsync(city.App, "zp.officer"), city.Number, new BrowserFile(fileName, content));

        Assert.Equal(code, error);
        Outcome.HasMessages(city.App, "Error." + error);
        await Outcome.UnchangedAsync(city.App, city.Number, before);
    }

    [Theory]
    [MemberData(nameof(MisleadingNames))]
    public async Task A_photo_under_a_misleading_name_is_stored_under_a_clean_one_and_shown_as_text(string name)
    {
        var fileName = Misleading[name];
        var error = await Uploads.AttachAsync(await Actors.ForAsync(city.App, "zp.officer"), city.Number, new BrowserFile(fileName, SampleFiles.Jpeg));

        Assert.Null(error);
        var stored = await city.App.WithDbAsync(db => db.Attachments.AsNoTracking().OrderByDescending(a => a.UploadedAtUtc).ThenByDescending(a => a.Id)
            .Select(a => a.FileName).FirstAsync());
        Assert.EndsWith(".jpg", stored, StringComparison.Ordinal);
        Assert.True(stored.Length <= Disputes.Domain.Incidents.Attachment.FileNameMaxLength, stored);
        Assert.DoesNotContain(stored, c => c is '/' or '\\' or '<' or '>' or '"' || char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'));
        Assert.False(HostileText.HasBrokenCharacters(stored), stored);
        var client = await city.BrowserAsync("zp.officer");
        Outcome.RendersInert(await client.GetStringAsync($"/incidents/{city.Number}"), stored);
    }

    /// <summary>Roster lines by name: the ID number, amount, name or phone, and the code the line is refused with.</summary>
    private static readonly Dictionary<string, (string Name, string Id, string Phone, string Amount, string Code)> Lines = BuildLines();

    private static Dictionary<string, (string, string, string, string, string)> BuildLines()
    {
        var valid = Id("32058319900101123");
        var lines = new Dictionary<string, (string, string, string, string, string)>();
        void IdCase(string name, string id, string code) => lines[$"id:{name}"] = ("张三", id, "", "6000", code);
        IdCase("wrong-check-character", valid[..^1] + (valid[^1] == '0' ? '1' : '0'), "id-number.check");
        IdCase("17-characters", valid[..17], "id-number.length");
        IdCase("19-characters", valid + "0", "id-number.length");
        IdCase("born-on-the-thirtieth-of-february", Id("32058319900230123"), "id-number.birth-date");
        IdCase("born-in-the-thirteenth-month", Id("32058319901301123"), "id-number.birth-date");
        IdCase("born-on-1900-02-29", Id("32058319000229123"), "id-number.birth-date");
        IdCase("born-before-1900", Id("32058318991231123"), "id-number.birth-date");
        IdCase("born-in-2090", Id("32058320900101123"), "id-number.birth-date");
        IdCase("born-in-the-year-0", Id("32058300000101123"), "id-number.birth-date");
        IdCase("letters", "32058319900101ABC" + "X", "id-number.character");
        IdCase("x-in-the-middle", "3205831990X101123" + "4", "id-number.character");
        IdCase("full-width-digits", string.Concat(valid.Select(c => char.IsAsciiDigit(c) ? (char)(c - '0' + '０') : c)), "id-number.character");
        IdCase("space-inside", valid[..9] + " " + valid[9..^1], "id-number.character");
        IdCase("empty", "", "id-number.required");
        IdCase("script", HostileText.Script, "id-number.length");
        IdCase("sql", "'; DROP TABLE Workers;--", "id-number.length");
        IdCase("a-formula", "=1+1", "id-number.length");
        lines["amount:negative"] = ("张三", valid, "", "-1", "money.negative");
        lines["amount:a-tenth-of-a-fen"] = ("张三", valid, "", "0.001", "money.precision");
        lines["amount:a-trillion"] = ("张三", valid, "", "1000000000000", "money.too-large");
        lines["amount:long-max-fen"] = ("张三", valid, "", "92233720368547758.07", "money.too-large");
        lines["amount:exponent"] = ("张三", valid, "", "1e12", "money.format");
        lines["amount:zero"] = ("张三", valid, "", "0", "roster.amount-missing");
        lines["name:fifty-one-characters"] = (new string('张', WorkerClaim.NameMaxLength + 1), valid, "", "6000", "roster.name-too-long");
        lines["name:bell"] = ("张\u0007三", valid, "", "6000", "text.characters");
        lines["name:escape"] = ("\u001b[2J张三", valid, "", "6000", "text.characters");
        lines["phone:spaced-out"] = ("张三", valid, "138" + new string(' ', 30) + "00000000", "6000", "roster.phone-format");
        lines["phone:letters"] = ("张三", valid, "13800000abc", "6000", "roster.phone-format");
        return lines;
    }

    private static string Id(string first17) => first17 + ResidentIdNumber.CheckCharacter(first17);

    public static TheoryData<string> LineCases() => [.. Lines.Keys];

    [Theory]
    [MemberData(nameof(LineCases))]
    public async Task A_roster_line_with_an_impossible_value_is_refused_in_chinese_and_only_sound_lines_can_be_imported(string name)
    {
        var (worker, id, phone, amount, code) = Lines[name];
        var csv = $"姓名,身份证号,联系电话,欠薪金额\n李四,{Id("32058319850505222")},13900000000,1000\n{Quote(worker)},{Quote(id)},{Quote(phone)},{Quote(amount)}\n";

        var report = await RosterParser.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "花名册.csv", ChinaTime.Today(city.App.Clock));

        Assert.Null(report.FileError);
        Assert.Equal(2, report.Rows.Count);
        Assert.True(report.Rows[0].IsValid, string.Join(", ", report.Rows[0].Errors));
        Assert.Contains(code, report.Rows[1].Errors);
        Outcome.HasMessages(city.App, "Roster.Error." + code);
        // What the page imports: every line the report passes makes a worker (one that the domain refuses would fail the import).
        var claims = report.ValidRows.Select(r => new WorkerClaim(r.Name, r.IdNumber!.Value, r.PhoneText, r.AmountOwed!.Value)).ToList();
        Assert.Single(claims);
    }

    [Fact]
    public async Task A_birth_date_still_to_come_is_refused_on_the_day_before_and_read_on_the_day()
    {
        var today = ChinaTime.Today(city.App.Clock);
        var born = Id("320583" + today.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "123");
        var csv = Encoding.UTF8.GetBytes($"姓名,身份证号,欠薪金额\n新生,{born},1000\n");

        var before = await RosterParser.ParseAsync(new MemoryStream(csv), "花名册.csv", today.AddDays(-1));
        var on = await RosterParser.ParseAsync(new MemoryStream(csv), "花名册.csv", today);

        Assert.Equal(["id-number.birth-date"], Assert.Single(before.Rows).Errors);
        Assert.True(Assert.Single(on.Rows).IsValid);
    }

    /// <summary>Whole files that are not rosters, and the code the roster card shows.</summary>
    public static TheoryData<string, string> NotRosters() => new()
    {
        { "exe-renamed.csv", "roster.file-type" },
        { "html-renamed.xlsx", "roster.file-type" },
        { "exe-renamed.xlsx", "roster.file-type" },
        { "docx-renamed.xlsx", "roster.file-type" },
        { "roster.exe", "roster.file-type" },
        { "roster.xls", "roster.file-type" },
        { "roster", "roster.file-type" },
        { "bom-only.csv", "roster.file-empty" },
        { "header-only.csv", "roster.header-missing" },
        { "nul-bytes.csv", "roster.file-type" },
        { "gbk-markup.csv", "roster.header-missing" },
    };

    [Theory]
    [MemberData(nameof(NotRosters))]
    public async Task A_file_that_is_not_a_roster_is_refused_with_its_reason_in_chinese(string fileName, string code)
    {
        byte[] content = fileName switch
        {
            "exe-renamed.csv" or "exe-renamed.xlsx" or "roster.exe" => Exe,
            "html-renamed.xlsx" => Encoding.UTF8.GetBytes("<html><table><tr><td>姓名</td></tr></table></html>"),
            "docx-renamed.xlsx" => SampleFiles.Docx,
            "bom-only.csv" => [0xEF, 0xBB, 0xBF],
            "header-only.csv" => Encoding.UTF8.GetBytes("<script>alert(1)</script>,'; DROP TABLE Workers;--\n"),
            "nul-bytes.csv" => new byte[2048],
            "gbk-markup.csv" => Encoding.Latin1.GetBytes("\u00c0\u00c1<img src=x onerror=alert(1)>\n\u00ff\u00fe\n"),
            _ => Encoding.UTF8.GetBytes("姓名,身份证号,欠薪金额\n"),
        };

        var report = await RosterParser.ParseAsync(new MemoryStream(content), fileName, ChinaTime.Today(city.App.Clock));

        Assert.Empty(report.ValidRows);
        Assert.NotNull(report.FileError);
        Assert.Equal(code, report.FileError);
        Outcome.HasMessages(city.App, "Roster.Error." + report.FileError);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"点我\")")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("@SUM(1+1)*cmd|' /C calc'!A0")]
    [InlineData("-2+3+cmd|' /C calc'!A0")]
    [InlineData("<script>alert(1)</script>")]
    public async Task A_worker_named_as_a_formula_or_markup_is_exported_as_text_and_shown_as_text(string workerName)
    {
        var officer = await Actors.ForAsync(city.App, "zp.officer");
        var id = Id($"32058319800101{Math.Abs(workerName.GetHashCode(StringComparison.Ordinal)) % 1000:000}");
        var claim = new WorkerClaim(workerName.Length > WorkerClaim.NameMaxLength ? workerName[..WorkerClaim.NameMaxLength] : workerName,
            ResidentIdNumber.Parse(id), "", Money.FromYuan(100));
        Assert.True((await city.Commands.SendAsync(officer, new ImportWorkers(city.Number, [claim]))).Succeeded);
        var client = await city.BrowserAsync("zp.officer");

        var csv = await client.GetAsync($"/exports/incidents/{city.Number}/roster.csv");
        var xlsx = await client.GetAsync($"/exports/incidents/{city.Number}/roster.xlsx");
        var page = await client.GetStringAsync($"/incidents/{city.Number}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (csv.StatusCode, xlsx.StatusCode));
        var text = await csv.Content.ReadAsStringAsync();
        var cells = text.Split('\n').SelectMany(l => l.Split(',')).Select(c => c.Trim('"'));
        Assert.DoesNotContain(cells, c => c.Length > 0 && c[0] is '=' or '+' or '@' || (c.StartsWith('-') && c.Contains("cmd", StringComparison.Ordinal)));
        Assert.Contains(claim.Name[0] is '=' or '+' or '@' or '-' ? "'" + claim.Name.Replace("\"", "\"\"", StringComparison.Ordinal) : claim.Name, text, StringComparison.Ordinal);
        // The page lists the roster's first lines only: the name may not be among them, but nothing on it is live.
        Outcome.RendersInert(page);
    }

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private AttachmentUploads Uploads => city.App.Services.GetRequiredService<AttachmentUploads>();

    private sealed class BrowserFile(string name, byte[] content) : IBrowserFile
    {
        public string Name => name;
        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;
        public long Size => content.Length;
        public string ContentType => "image/jpeg";

        public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) => new NonSeekableStream(content);
    }
}
