using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Disputes.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class History : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Typed history: each entry's free text becomes its event's JSON payload, and entries are numbered per incident.
            migrationBuilder.AddColumn<string>(name: "Payload", table: "TimelineEntries", type: "TEXT", nullable: false, defaultValue: "");
            migrationBuilder.AddColumn<int>(name: "Sequence", table: "TimelineEntries", type: "INTEGER", nullable: false, defaultValue: 0);
            migrationBuilder.Sql("""
                UPDATE TimelineEntries SET Sequence = (
                    SELECT r.n FROM (SELECT Id, ROW_NUMBER() OVER (PARTITION BY IncidentId ORDER BY AtUtc, Id) AS n FROM TimelineEntries) r
                    WHERE r.Id = TimelineEntries.Id);
                """);
            foreach (var sql in PayloadConversions)
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.AddColumn<Guid>(name: "TaskId", table: "PlanSteps", type: "TEXT", nullable: true);
            migrationBuilder.AddColumn<long>(name: "Closure_RecoveredFen", table: "Incidents", type: "INTEGER", nullable: true);
            migrationBuilder.AddColumn<int>(name: "LastSequence", table: "Incidents", type: "INTEGER", nullable: false, defaultValue: 0);
            migrationBuilder.AddColumn<int>(name: "PlaybookVersion", table: "Incidents", type: "INTEGER", nullable: false, defaultValue: 1);
            migrationBuilder.Sql("""
                UPDATE Incidents SET LastSequence = (SELECT COUNT(*) FROM TimelineEntries t WHERE t.IncidentId = Incidents.Id);
                UPDATE Incidents SET Closure_RecoveredFen = (
                    SELECT COALESCE(SUM(r.AmountFen), 0) FROM Recoveries r JOIN WorkerClaims w ON w.Id = r.WorkerClaimId WHERE w.IncidentId = Incidents.Id)
                WHERE Closure_Outcome IS NOT NULL;
                """);

            // SQLite drops a plain column in place (3.35+); EF's DropColumn would rebuild the table outside the transaction.
            migrationBuilder.DropIndex(name: "IX_TimelineEntries_IncidentId_AtUtc", table: "TimelineEntries");
            migrationBuilder.Sql("ALTER TABLE TimelineEntries DROP COLUMN Text;");

            migrationBuilder.CreateIndex(name: "IX_TimelineEntries_IncidentId_Sequence", table: "TimelineEntries", columns: new[] { "IncidentId", "Sequence" }, unique: true);
            migrationBuilder.CreateIndex(name: "IX_TimelineEntries_Kind_AtUtc", table: "TimelineEntries", columns: new[] { "Kind", "AtUtc" });
        }

        /// <summary>"Kind" or "Kind/Department", as steps were labelled, to a step reference.</summary>
        private static string StepRef(string label) =>
            $"json_object('Kind', CASE WHEN instr({label}, '/') > 0 THEN substr({label}, 1, instr({label}, '/') - 1) ELSE {label} END, " +
            $"'Department', CASE WHEN instr({label}, '/') > 0 THEN substr({label}, instr({label}, '/') + 1) END, 'Sequence', 1, 'Task', NULL)";

        private static string Set(string kind, string json) => $"UPDATE TimelineEntries SET Payload = json_object('$kind', '{kind}', {json}) WHERE Kind = '{kind}';";

        private static readonly string[] PayloadConversions =
        [
            Set("Logged", "'Number', Text, 'Type', (SELECT i.Type FROM Incidents i WHERE i.Id = IncidentId), 'Grade', (SELECT i.SuggestedGrade FROM Incidents i WHERE i.Id = IncidentId), " +
                "'WorkersInvolved', (SELECT i.WorkersInvolved FROM Incidents i WHERE i.Id = IncidentId), 'WagesOwedFen', (SELECT i.WagesOwedFen FROM Incidents i WHERE i.Id = IncidentId), 'PlaybookVersion', 1"),
            Set("GradeSuggested", "'Grade', Text"),
            Set("ArrivedOnScene", "'ArrivedAtUtc', Text"),
            Set("ReportedUpward", "'Text', Text"),
            Set("WrittenReport", "'Text', Text"),
            Set("Note", "'Text', Text"),
            Set("DepartmentEngaged", "'Department', Text"),
            Set("EngagementAcknowledged", "'Department', Text"),
            Set("TaskDone", "'Department', substr(Text, 6, instr(substr(Text, 6), '.') - 1), 'TaskKey', Text, 'TaskText', NULL"),
            Set("StepPaused", $"'Step', {StepRef("substr(Text, 1, instr(Text, ': ') - 1)")}, 'Reason', substr(Text, instr(Text, ': ') + 2)"),
            Set("StepResumed", $"'Step', {StepRef("Text")}"),
            Set("GradeChanged", "'From', substr(Text, 1, instr(Text, '→') - 1), 'To', substr(Text, instr(Text, '→') + 1, instr(Text, ': ') - instr(Text, '→') - 1), " +
                "'Reason', substr(Text, instr(Text, ': ') + 2)"),
            Set("StageChanged", "'From', substr(Text, 1, instr(Text, '→') - 1), 'To', substr(Text, instr(Text, '→') + 1)"),
            Set("DetailsChanged", "'Changes', json('[]')"),
            Set("AttachmentAdded", "'FileName', Text"),
            Set("WorkersImported", "'Count', CAST(substr(Text, 1, instr(Text, ' /') - 1) AS INTEGER), " +
                "'TotalOwedFen', CAST(replace(replace(substr(Text, instr(Text, '¥') + 1), ',', ''), '.', '') AS INTEGER)"),
            Set("RecoveryRecorded", "'WorkerName', substr(Text, 1, instr(Text, ' ¥') - 1), " +
                "'AmountFen', CAST(replace(replace(substr(substr(Text, instr(Text, ' ¥') + 2), 1, instr(substr(Text, instr(Text, ' ¥') + 2), ' ') - 1), ',', ''), '.', '') AS INTEGER), " +
                "'Source', substr(substr(Text, instr(Text, ' ¥') + 2), instr(substr(Text, instr(Text, ' ¥') + 2), ' ') + 1)"),
            Set("Closed", "'Outcome', Text, 'RecoveredFen', 0, 'FollowUpDate', (SELECT i.Closure_FollowUpDate FROM Incidents i WHERE i.Id = IncidentId)"),
            Set("Cancelled", "'Reason', Text"),
            Set("Escalated", "'Level', CAST(substr(Text, 1, instr(Text, '|') - 1) AS INTEGER), " +
                $"'Step', CASE WHEN substr(Text, instr(Text, '|') + 1) = 'MajorIncident' THEN NULL ELSE {StepRef("substr(Text, instr(Text, '|') + 1)")} END, 'Told', json('[]')"),
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
                type: "TEXT",
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
