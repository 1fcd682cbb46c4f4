; Okno's additions to the Windows installer (electron-builder.yml, nsis.include); docs/RELEASES.md.

!include "FileFunc.nsh"

LangString oknoWipeData ${LANG_RUSSIAN} "Удалить данные Okno на этом компьютере (локальную базу обращений и настройки)?$\r$\n$\r$\nИзменения, ещё не отправленные на сервер, будут потеряны. «Нет» — данные останутся для повторной установки."
LangString oknoWipeData ${LANG_ENGLISH} "Delete Okno's data on this computer (the local database of appeals and the settings)?$\r$\n$\r$\nChanges not yet sent to the server will be lost. «No» keeps the data for a reinstallation."

; The server address an administrator presets for a silent installation — `/SERVER=https://…` on the
; installer's command line, or okno-server.json beside the installer — is written to the app's
; resources folder, where main/os/server-preset.ts reads it at the first start.
!macro customInstall
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/SERVER=" $R1
  ${IfNot} ${Errors}
    FileOpen $R2 "$INSTDIR\resources\okno-server.json" w
    FileWrite $R2 '{"serverAddress": "$R1"}'
    FileClose $R2
  ${ElseIf} ${FileExists} "$EXEDIR\okno-server.json"
    CopyFiles /SILENT "$EXEDIR\okno-server.json" "$INSTDIR\resources\okno-server.json"
  ${EndIf}
!macroend

; Uninstalling keeps the local data (the offline database, unsynced changes, settings) unless the
; administrator asks: `/WIPEDATA` on a silent uninstall, or «Да» to the uninstaller's question.
; An update runs the old version's uninstaller too: data is never touched then.
!macro customUnInstall
  ${IfNot} ${isUpdated}
    StrCpy $R3 ""
    ${GetParameters} $R0
    ClearErrors
    ${GetOptions} $R0 "/WIPEDATA" $R1
    ${IfNot} ${Errors}
      StrCpy $R3 "wipe"
    ${ElseIfNot} ${Silent}
      MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 "$(oknoWipeData)" /SD IDNO IDNO okno_keep
      StrCpy $R3 "wipe"
      okno_keep:
    ${EndIf}
    ${If} $R3 == "wipe"
      SetShellVarContext current
      RMDir /r "$APPDATA\${PRODUCT_NAME}"
      RMDir /r "$APPDATA\${APP_FILENAME}"
      RMDir /r "$LOCALAPPDATA\okno-updater"
    ${EndIf}
  ${EndIf}
!macroend
