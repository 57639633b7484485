using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Disputes.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PersonalDataAtRest : Migration
    {
        /// <summary>
        /// The personal-data columns become varbinary (ciphertext) and the roster's unique index moves to the ID number's
        /// keyed hash. SQL knows no key, so each old value is kept as 'W' and its UTF-16 text ('P' and the ASCII of a
        /// varchar ID number), and each old hash as the row's id (16 bytes, never a real 32-byte hash, unique): the app
        /// encrypts and hashes these at its next start, before it serves (<c>PersonalDataReencryption.EncryptPendingAsync</c>).
        /// A varchar or nvarchar column cannot be altered to varbinary, so each is added anew, filled, and renamed; the
        /// UPDATEs run inside EXEC, so the idempotent script still compiles once the old columns are gone.
        /// </summary>
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkerClaims_IncidentId_IdNumber",
                table: "WorkerClaims");

            Seal(migrationBuilder, "WorkerClaims", "IdNumber", 73, "0x50 + CAST([IdNumber] AS varbinary(18))", nullable: false);
            Seal(migrationBuilder, "WorkerClaims", "Phone", 115, "0x57 + CAST([Phone] AS varbinary(40))", nullable: false);
            Seal(migrationBuilder, "Enterprises", "Contact", 655, "0x57 + CAST([Contact] AS varbinary(400))", nullable: false);
            Seal(migrationBuilder, "AspNetUsers", "PhoneNumber", null, "0x57 + CAST([PhoneNumber] AS varbinary(max))", nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "IdNumberHash",
                table: "WorkerClaims",
                type: "varbinary(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.Sql("EXEC(N'UPDATE [WorkerClaims] SET [IdNumberHash] = CAST([Id] AS varbinary(16))');");

            migrationBuilder.CreateIndex(
                name: "IX_WorkerClaims_IncidentId_IdNumberHash",
                table: "WorkerClaims",
                columns: new[] { "IncidentId", "IdNumberHash" },
                unique: true,
                filter: "[IncidentId] IS NOT NULL");
        }

        /// <summary>Encrypted values cannot be turned back into text in SQL: going back means restoring the backup taken before.</summary>
        protected override void Down(MigrationBuilder migrationBuilder) =>
            throw new NotSupportedException("PersonalDataAtRest cannot be reverted: the columns hold ciphertext. Restore the database backup taken before it.");

        /// <summary>The text column replaced by a varbinary one of the same name holding the text awaiting encryption.</summary>
        private static void Seal(MigrationBuilder migrationBuilder, string table, string column, int? maxLength, string pending, bool nullable)
        {
            var type = maxLength is { } length ? $"varbinary({length})" : "varbinary(max)";
            var sealedColumn = column + "Sealed";
            migrationBuilder.AddColumn<byte[]>(name: sealedColumn, table: table, type: type, maxLength: maxLength, nullable: true);
            migrationBuilder.Sql($"EXEC(N'UPDATE [{table}] SET [{sealedColumn}] = {pending} WHERE [{column}] IS NOT NULL');");
            migrationBuilder.DropColumn(name: column, table: table);
            migrationBuilder.RenameColumn(name: sealedColumn, table: table, newName: column);
            if (!nullable)
            {
                migrationBuilder.AlterColumn<byte[]>(name: column, table: table, type: type, maxLength: maxLength, nullable: false,
                    oldClrType: typeof(byte[]), oldType: type, oldMaxLength: maxLength, oldNullable: true);
            }
        }
    }
}
