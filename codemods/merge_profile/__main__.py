from codemods.merge_profile.main import main

raise SystemExit(main())
