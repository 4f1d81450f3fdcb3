from codemods.swap_user.main import main

raise SystemExit(main())
