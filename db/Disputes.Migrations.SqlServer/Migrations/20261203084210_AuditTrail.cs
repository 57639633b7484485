using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Disputes.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AuditTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditHead",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditHead", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditTrail",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Type = table.Column<string>(type: "varchar(48)", unicode: false, maxLength: 48, nullable: false),
                    Result = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    UserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Organisation = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    ClientAddress = table.Column<string>(type: "varchar(45)", unicode: false, maxLength: 45, nullable: true),
                    Object = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    IncidentNumber = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: true),
                    Detail = table.Column<string>(type: "nvarchar(1024)", maxLength: 1024, nullable: true),
                    KeyId = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    Hash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditTrail", x => x.Sequence);
                });

            migrationBuilder.InsertData(
                table: "AuditHead",
                columns: new[] { "Id", "Hash", "Sequence" },
                values: new object[] { 1, new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_AuditTrail_AtUtc",
                table: "AuditTrail",
                column: "AtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_AuditTrail_IncidentNumber_AtUtc",
                table: "AuditTrail",
                columns: new[] { "IncidentNumber", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditTrail_Type_AtUtc",
                table: "AuditTrail",
                columns: new[] { "Type", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditTrail_UserId_AtUtc",
                table: "AuditTrail",
                columns: new[] { "UserId", "AtUtc" });

            // The application's database role may add to the audit trail and read it, never change or remove an entry
            // (等保 2.0 8.1.4.3). Connect the app as a user in this role, not as db_owner, for the DENY to bind it.
            migrationBuilder.Sql("""
                IF DATABASE_PRINCIPAL_ID(N'disputes_app') IS NULL EXEC(N'CREATE ROLE disputes_app');
                EXEC(N'GRANT SELECT, INSERT ON dbo.AuditTrail TO disputes_app');
                EXEC(N'DENY UPDATE, DELETE, ALTER ON dbo.AuditTrail TO disputes_app');
                EXEC(N'GRANT SELECT, UPDATE ON dbo.AuditHead TO disputes_app');
                EXEC(N'DENY DELETE ON dbo.AuditHead TO disputes_app');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditHead");

            migrationBuilder.DropTable(
                name: "AuditTrail");
        }
    }
}
