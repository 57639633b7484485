using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Disputes.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class History : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Typed history: each entry's free text becomes its event's JSON payload, and entries are numbered per incident.
            migrationBuilder.AddColumn<string>(name: "Payload", table: "TimelineEntries", type: "nvarchar(max)", nullable: false, defaultValue: "");
            migrationBuilder.AddColumn<int>(name: "Sequence", table: "TimelineEntries", type: "int", nullable: false, defaultValue: 0);
            migrationBuilder.Sql(Deferred("""
                UPDATE t SET Sequence = r.n
                FROM TimelineEntries t
                JOIN (SELECT Id, ROW_NUMBER() OVER (PARTITION BY IncidentId ORDER BY AtUtc, Id) AS n FROM TimelineEntries) r ON r.Id = t.Id;
                """));
            foreach (var sql in PayloadConversions)
            {
                migrationBuilder.Sql(Deferred(sql));
            }

            migrationBuilder.AddColumn<Guid>(name: "TaskId", table: "PlanSteps", type: "uniqueidentifier", nullable: true);
            migrationBuilder.AddColumn<long>(name: "Closure_RecoveredFen", table: "Incidents", type: "bigint", nullable: true);
            migrationBuilder.AddColumn<int>(name: "LastSequence", table: "Incidents", type: "int", nullable: false, defaultValue: 0);
            migrationBuilder.AddColumn<int>(name: "PlaybookVersion", table: "Incidents", type: "int", nullable: false, defaultValue: 1);
            migrationBuilder.Sql(Deferred("""
                UPDATE Incidents SET LastSequence = (SELECT COUNT(*) FROM TimelineEntries t WHERE t.IncidentId = Incidents.Id);
                UPDATE Incidents SET Closure_RecoveredFen = (
                    SELECT COALESCE(SUM(r.AmountFen), 0) FROM Recoveries r JOIN WorkerClaims w ON w.Id = r.WorkerClaimId WHERE w.IncidentId = Incidents.Id)
                WHERE Closure_Outcome IS NOT NULL;
                """));

            // Last, once every statement above has read it.
            migrationBuilder.DropIndex(name: "IX_TimelineEntries_IncidentId_AtUtc", table: "TimelineEntries");
            migrationBuilder.DropColumn(name: "Text", table: "TimelineEntries");

            migrationBuilder.CreateIndex(name: "IX_TimelineEntries_IncidentId_Sequence", table: "TimelineEntries", columns: new[] { "IncidentId", "Sequence" }, unique: true);
            migrationBuilder.CreateIndex(name: "IX_TimelineEntries_Kind_AtUtc", table: "TimelineEntries", columns: new[] { "Kind", "AtUtc" });
        }

        /// <summary>
        /// Compiled only when it runs: in the idempotent script a re-run must not fail on the Text column that this
        /// migration has already dropped (SQL Server resolves column names when it compiles a batch).
        /// </summary>
        private static string Deferred(string sql) => $"EXEC(N'{sql.Replace("'", "''", StringComparison.Ordinal)}');";

        /// <summary>A JSON string member, or null.</summary>
        private static string Str(string name, string expression) => $"N'\"{name}\":' + COALESCE(N'\"' + STRING_ESCAPE({expression}, 'json') + N'\"', N'null')";

        /// <summary>A JSON number member, or null.</summary>
        private static string Num(string name, string expression) => $"N'\"{name}\":' + COALESCE(CAST({expression} AS nvarchar(30)), N'null')";

        private static string Rest(string text, string from) => $"SUBSTRING({text}, {from}, 4000)";

        /// <summary>"Kind" or "Kind/Department", as steps were labelled, to a step reference.</summary>
        private static string StepRef(string name, string label) =>
            $"N'\"{name}\":{{' + " +
            Str("Kind", $"CASE WHEN CHARINDEX(N'/', {label}) > 0 THEN LEFT({label}, CHARINDEX(N'/', {label}) - 1) ELSE {label} END") + " + N',' + " +
            Str("Department", $"CASE WHEN CHARINDEX(N'/', {label}) > 0 THEN {Rest(label, $"CHARINDEX(N'/', {label}) + 1")} END") +
            " + N',\"Sequence\":1,\"Task\":null}'";

        private static string Set(string kind, params string[] members) =>
            $"UPDATE TimelineEntries SET Payload = CAST(N'{{\"$kind\":\"{kind}\",' AS nvarchar(max)) + {string.Join(" + N',' + ", members)} + N'}}' WHERE Kind = N'{kind}';";

        private static string Of(string column) => $"(SELECT i.{column} FROM Incidents i WHERE i.Id = TimelineEntries.IncidentId)";

        private const string Colon = "CHARINDEX(N': ', Text)";
        private const string Arrow = "CHARINDEX(N'→', Text)";
        private const string Bar = "CHARINDEX(N'|', Text)";
        private const string Yuan = "CHARINDEX(N' ¥', Text)";

        private static readonly string AfterYuan = Rest("Text", Yuan + " + 2");

        private static readonly string[] PayloadConversions =
        [
            Set("Logged", Str("Number", "Text"), Str("Type", Of("Type")), Str("Grade", Of("SuggestedGrade")), Num("WorkersInvolved", Of("WorkersInvolved")),
                Num("WagesOwedFen", Of("WagesOwedFen")), "N'\"PlaybookVersion\":1'"),
            Set("GradeSuggested", Str("Grade", "Text")),
            Set("ArrivedOnScene", Str("ArrivedAtUtc", "Text")),
            Set("ReportedUpward", Str("Text", "Text")),
            Set("WrittenReport", Str("Text", "Text")),
            Set("Note", Str("Text", "Text")),
            Set("DepartmentEngaged", Str("Department", "Text")),
            Set("EngagementAcknowledged", Str("Department", "Text")),
            Set("TaskDone", Str("Department", "LEFT(SUBSTRING(Text, 6, 4000), CHARINDEX(N'.', SUBSTRING(Text, 6, 4000)) - 1)"), Str("TaskKey", "Text"), "N'\"TaskText\":null'"),
            Set("StepPaused", StepRef("Step", $"LEFT(Text, {Colon} - 1)"), Str("Reason", Rest("Text", Colon + " + 2"))),
            Set("StepResumed", StepRef("Step", "Text")),
            Set("GradeChanged", Str("From", $"LEFT(Text, {Arrow} - 1)"), Str("To", $"SUBSTRING(Text, {Arrow} + 1, {Colon} - {Arrow} - 1)"), Str("Reason", Rest("Text", Colon + " + 2"))),
            Set("StageChanged", Str("From", $"LEFT(Text, {Arrow} - 1)"), Str("To", Rest("Text", Arrow + " + 1"))),
            Set("DetailsChanged", "N'\"Changes\":[]'"),
            Set("AttachmentAdded", Str("FileName", "Text")),
            Set("WorkersImported", Num("Count", "CAST(LEFT(Text, CHARINDEX(N' /', Text) - 1) AS int)"),
                Num("TotalOwedFen", $"CAST(REPLACE(REPLACE({Rest("Text", "CHARINDEX(N'¥', Text) + 1")}, N',', N''), N'.', N'') AS bigint)")),
            Set("RecoveryRecorded", Str("WorkerName", $"LEFT(Text, {Yuan} - 1)"),
                Num("AmountFen", $"CAST(REPLACE(REPLACE(LEFT({AfterYuan}, CHARINDEX(N' ', {AfterYuan}) - 1), N',', N''), N'.', N'') AS bigint)"),
                Str("Source", Rest(AfterYuan, $"CHARINDEX(N' ', {AfterYuan}) + 1"))),
            Set("Closed", Str("Outcome", "Text"), "N'\"RecoveredFen\":0'", Str("FollowUpDate", $"CONVERT(nvarchar(10), {Of("Closure_FollowUpDate")}, 23)")),
            Set("Cancelled", Str("Reason", "Text")),
            Set("Escalated", Num("Level", $"CAST(LEFT(Text, {Bar} - 1) AS int)"),
                $"CASE WHEN {Rest("Text", Bar + " + 1")} = N'MajorIncident' THEN N'\"Step\":null' ELSE {StepRef("Step", Rest("Text", Bar + " + 1"))} END", "N'\"Told\":[]'"),
        ];

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TimelineEntries_IncidentId_Sequence",
                table: "TimelineEntries");

            migrationBuilder.DropIndex(
                name: "IX_TimelineEntries_Kind_AtUtc",
                table: "TimelineEntries");

            migrationBuilder.DropColumn(
                name: "Payload",
                table: "TimelineEntries");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "TimelineEntries");

            migrationBuilder.DropColumn(
                name: "TaskId",
                table: "PlanSteps");

            migrationBuilder.DropColumn(
                name: "Closure_RecoveredFen",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "LastSequence",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "PlaybookVersion",
                table: "Incidents");

            migrationBuilder.AddColumn<string>(
                name: "Text",
                table: "TimelineEntries",
                type: "nvarchar(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEntries_IncidentId_AtUtc",
                table: "TimelineEntries",
                columns: new[] { "IncidentId", "AtUtc" });
        }
    }
}
